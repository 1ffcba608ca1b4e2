using ProdReady.Model;
using ProdReady.Scanning.Manifests;

namespace ProdReady.Tests.Manifests;

public class PipfileReaderTests
{
    internal const string Sample = """
        [[source]]
        url = "https://pypi.example.internal/simple"
        verify_ssl = true
        name = "internal"

        [packages]
        flask = "==3.0.3"
        gunicorn = "*"
        "Flask-Limiter" = {version = ">=3.7", extras = ["redis"]}
        shared = {path = "./shared", editable = true}

        [dev-packages]
        pytest = "*"

        [requires]
        python_version = "3.12"
        """;

    [Fact]
    public void ReadsPackagesAndDevPackages()
    {
        var result = ManifestReader.Parse("api/Pipfile", Sample);

        Assert.Equal(
            ["flask ==3.0.3 @7", "gunicorn * @8", "Flask-Limiter >=3.7 @9", "shared - @10", "pytest * @13 dev"],
            Declared.Dependencies(result));
        Assert.Empty(result.Diagnostics);
        Assert.All(result.Dependencies, d => Assert.Equal((Ecosystem.Python, "api/Pipfile"), (d.Ecosystem, d.File)));
    }

    [Fact]
    public void AMalformedFileKeepsWhatCameBeforeTheError()
    {
        var result = ManifestReader.Parse("Pipfile", """
            [packages]
            requests = "*"
            django = "*"

            [dev-packages
            pytest = "*"
            """);

        Assert.Equal(["requests * @2", "django * @3"], Declared.Dependencies(result));
        Assert.Equal(["5: malformed TOML: expected ']' to close the table header"], Declared.Warnings(result));
    }
}
