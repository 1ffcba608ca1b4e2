using ProdReady.Scanning.Manifests;

namespace ProdReady.Tests.Manifests;

public class PyProjectReaderTests
{
    internal const string PoetrySample = """
        [tool.poetry]
        name = "billing"
        version = "0.1.0"

        [tool.poetry.dependencies]
        python = "^3.12"
        django = "^5.0"
        celery = { version = "^5.4", extras = ["redis"] }
        internal-lib = { git = "https://git.example.org/internal-lib.git", tag = "v1.2" }
        numpy = [
            { version = "^1.26", python = "<3.13" },
            { version = "^2.0", python = ">=3.13" },
        ]

        [tool.poetry.dependencies.boto3]
        version = "^1.34"
        optional = true

        [tool.poetry.dev-dependencies]
        black = "^24.4"

        [tool.poetry.group.test.dependencies]
        pytest-django = "^4.8"

        [tool.poetry.group.main.dependencies]
        gunicorn = "^22.0"
        """;

    internal const string Pep621Sample = """
        [build-system]
        requires = ["hatchling"]
        build-backend = "hatchling.build"

        [project]
        name = "orders-api"
        requires-python = ">=3.11"
        dependencies = [
            "fastapi>=0.111",
            "uvicorn[standard]==0.30.1",  # server
            "SQLAlchemy[asyncio]>=2.0,<3 ; python_version >= '3.11'",
        ]

        [project.optional-dependencies]
        redis = ["redis>=5"]
        Dev = ["ruff==0.4.8"]
        type_checking = ["mypy"]
        typing = ["types-requests"]

        [dependency-groups]
        test = ["pytest>=8", {include-group = "coverage"}]
        coverage = ["coverage[toml]"]
        """;

    [Fact]
    public void ReadsPep621DependenciesExtrasAndDependencyGroups()
    {
        var result = ManifestReader.Parse("pyproject.toml", Pep621Sample);

        Assert.Equal(
            [
                "fastapi >=0.111 @9", "uvicorn ==0.30.1 @10", "SQLAlchemy >=2.0,<3 @11",
                "redis >=5 @15", "ruff ==0.4.8 @16 dev", "mypy - @17", "types-requests - @18 dev",
                "pytest >=8 @21 dev", "coverage - @22 dev",
            ],
            Declared.Dependencies(result));
        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void ReadsPoetryDependenciesDevDependenciesAndGroups()
    {
        var result = ManifestReader.Parse("pyproject.toml", PoetrySample);

        Assert.Equal(
            [
                "django ^5.0 @7", "celery ^5.4 @8", "internal-lib - @9", "numpy - @10", "boto3 ^1.34 @15",
                "black ^24.4 @20 dev", "pytest-django ^4.8 @23 dev", "gunicorn ^22.0 @26",
            ],
            Declared.Dependencies(result));
        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void AMalformedFileKeepsWhatCameBeforeTheError()
    {
        var result = ManifestReader.Parse("pyproject.toml", """
            [project]
            name = "demo"
            dependencies = [
                "httpx>=0.27",
                "openai>=1.30"
                "tenacity",
            ]
            """);

        Assert.Equal(["httpx >=0.27 @4", "openai >=1.30 @5"], Declared.Dependencies(result));
        Assert.Equal(["6: malformed TOML: expected ',' or ']' in the array, found '\"'"], Declared.Warnings(result));
    }

    [Fact]
    public void WarnsAboutInvalidRequirementsAndListsOfTheWrongShape()
    {
        var result = ManifestReader.Parse("pyproject.toml", """
            [project]
            dependencies = "flask"

            [project.optional-dependencies]
            dev = ["pytest", 3, "black ==="]
            """);

        Assert.Equal(["pytest - @5 dev"], Declared.Dependencies(result));
        Assert.Equal(
            [
                "2: 'project.dependencies' should be an array of requirement strings",
                "5: 'project.optional-dependencies.dev' should hold requirement strings",
                "5: '===' is not a valid version specifier for 'black'",
            ],
            Declared.Warnings(result));
    }
}
