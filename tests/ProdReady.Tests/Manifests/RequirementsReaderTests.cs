using ProdReady.Model;
using ProdReady.Scanning.Manifests;

namespace ProdReady.Tests.Manifests;

public class RequirementsReaderTests
{
    internal const string Sample = """
        # Production dependencies
        --index-url https://pypi.example.internal/simple
        -r requirements/base.txt
        -c constraints.txt

        Django==5.0.6
        djangorestframework>=3.15,<4  # API
        uvicorn[standard]==0.30.1 ; python_version >= "3.10"
        Flask_Limiter
        requests (>=2.31)
        psycopg[binary,pool] ~= 3.1
        """;

    [Fact]
    public void ReadsPep508LinesAndSkipsOptionsAndComments()
    {
        var result = ManifestReader.Parse("requirements.txt", Sample);

        Assert.Equal(
            [
                "Django ==5.0.6 @6", "djangorestframework >=3.15,<4 @7", "uvicorn ==0.30.1 @8",
                "Flask_Limiter - @9", "requests >=2.31 @10", "psycopg ~= 3.1 @11",
            ],
            Declared.Dependencies(result));
        Assert.Empty(result.Diagnostics);
        Assert.All(result.Dependencies, d => Assert.Equal((Ecosystem.Python, "requirements.txt"), (d.Ecosystem, d.File)));
    }

    [Fact]
    public void NamesEditableAndUrlRequirementsByTheirEggOrName()
    {
        var result = ManifestReader.Parse("requirements.txt", """
            -e git+https://github.com/acme/payments-sdk.git@v2.1.0#egg=payments-sdk
            -e .
            --editable ./libs/shared
            git+https://github.com/acme/audit-log.git#egg=audit_log&subdirectory=python
            https://files.example.org/packages/tool-1.0.tar.gz
            internal-auth @ https://git.example.org/auth/archive/v3.zip#sha256=abc
            """);

        Assert.Equal(["payments-sdk - @1", "audit_log - @4", "internal-auth - @6"], Declared.Dependencies(result));
        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void JoinsContinuationLinesAndDropsPerRequirementOptions()
    {
        var result = ManifestReader.Parse("requirements.txt", """
            celery==5.4.0 \
                --hash=sha256:aaa \
                --hash=sha256:bbb
            redis==5.0.4 --hash=sha256:ccc
            """);

        Assert.Equal(["celery ==5.4.0 @1", "redis ==5.0.4 @4"], Declared.Dependencies(result));
    }

    [Theory]
    [InlineData("requirements-dev.txt", true)]
    [InlineData("requirements_test.txt", true)]
    [InlineData("requirements-lint.txt", true)]
    [InlineData("requirements-docs.txt", true)]
    [InlineData("requirements/dev.txt", true)]
    [InlineData("requirements/tests.txt", true)]
    [InlineData("requirements.txt", false)]
    [InlineData("requirements/base.txt", false)]
    [InlineData("requirements/production.txt", false)]
    public void DevelopmentFollowsTheFileName(string file, bool development)
    {
        var result = ManifestReader.Parse(file, "pytest==8.2.0\n");

        Assert.Equal(development, Assert.Single(result.Dependencies).Development);
    }

    [Fact]
    public void AMalformedLineIsReportedAndTheOthersAreKept()
    {
        var result = ManifestReader.Parse("requirements.txt", """
            fastapi==0.111.0
            pydantic=>2.7
            !!!
            sqlalchemy==2.0.30
            """);

        Assert.Equal(["fastapi ==0.111.0 @1", "sqlalchemy ==2.0.30 @4"], Declared.Dependencies(result));
        Assert.Equal(
            [
                "2: '=>2.7' is not a valid version specifier for 'pydantic'",
                "3: '!!!' is not a valid requirement (expected a package name)",
            ],
            Declared.Warnings(result));
    }
}
