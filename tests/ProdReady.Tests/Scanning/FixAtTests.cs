using System.Text.Json;
using ProdReady.Catalog;
using ProdReady.Model;
using ProdReady.Reporting;
using ProdReady.Scanning;
using ProdReady.Scanning.Evaluation;
using ProdReady.Tests.Support;

namespace ProdReady.Tests.Scanning;

/// <summary>Every result names the one repository file where to act on it, even when the problem is an absence.</summary>
public class FixAtTests
{
    private static readonly ControlCatalog BuiltIn = CatalogLoader.LoadBuiltIn().Catalog;

    private const string ExpressPackage = "{\n  \"name\": \"orders\",\n  \"dependencies\": {\n    \"express\": \"^4.19.2\"\n  }\n}\n";

    [Fact]
    public void RootUserIsLocatedAtItsUserLine()
    {
        using var repo = new TempRepo(
            ("package.json", ExpressPackage),
            ("server.js", "const express = require('express');\nexpress().listen(3000);\n"),
            ("Dockerfile", "FROM node:20.11-slim\nWORKDIR /app\nCOPY . .\nUSER root\nCMD [\"node\", \"server.js\"]\n"));

        var result = Scan(repo, "sec.container-non-root");

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Equal(new SourceLocation("Dockerfile", 4), result.FixAt);
    }

    [Fact]
    public void JsonWritesWhereToAct()
    {
        using var repo = new TempRepo(
            ("package.json", ExpressPackage),
            ("Dockerfile", "FROM node:20.11-slim\nUSER root\n"));
        var assessment = Scanner.Scan(repo.Root, BuiltIn, new ScanOptions());

        using var json = JsonDocument.Parse(JsonReport.ToJson(assessment));
        var results = json.RootElement.GetProperty("results").EnumerateArray().ToDictionary(r => r.GetProperty("id").GetString()!);

        var nonRoot = results["sec.container-non-root"].GetProperty("fixAt");
        Assert.Equal("Dockerfile", nonRoot.GetProperty("file").GetString());
        Assert.Equal(2, nonRoot.GetProperty("line").GetInt32());
        var headers = results["sec.security-headers"].GetProperty("fixAt");
        Assert.Equal("package.json", headers.GetProperty("file").GetString());
        Assert.Equal(JsonValueKind.Null, headers.GetProperty("line").ValueKind);
    }

    [Fact]
    public void MissingNodeDependencyIsLocatedAtTheManifest()
    {
        using var repo = new TempRepo(("package.json", ExpressPackage), ("server.js", "require('express')().listen(3000);\n"));

        var result = Scan(repo, "sec.security-headers");

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Equal(new SourceLocation("package.json", 0), result.FixAt);
    }

    [Theory]
    [InlineData("dotnet", "src/Api/Api.csproj", "Directory.Packages.props", "tests/Api.Tests/Api.Tests.csproj", "src/Api/Api.csproj")]
    [InlineData("python", "requirements.txt", "pyproject.toml", "services/worker/pyproject.toml", "pyproject.toml")]
    [InlineData("node", "web/package.json", "package.json", "e2e/package.json", "package.json")]
    [InlineData("java", "gradle/libs.versions.toml", "build.gradle.kts", "app/build.gradle.kts", "build.gradle.kts")]
    public void MissingDependencyBelongsInTheServicesOwnManifest(string ecosystem, string first, string second, string third, string expected)
    {
        using var repo = new TempRepo((first, Manifest(first)), (second, Manifest(second)), (third, Manifest(third)));

        var result = EvaluateRule($"dependency: {{ ecosystem: {ecosystem}, name: [absent-package] }}", repo);

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Equal(new SourceLocation(expected, 0), result.FixAt);
    }

    [Fact]
    public void CiControlWithoutItsStepIsLocatedAtTheWorkflow()
    {
        using var repo = new TempRepo(
            ("package.json", ExpressPackage),
            ("README.md", "# orders\n"),
            (".github/workflows/ci.yml", "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm ci\n"));

        var result = Scan(repo, "test.ci-runs-tests");

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Equal(new SourceLocation(".github/workflows/ci.yml", 0), result.FixAt);
    }

    [Fact]
    public void MissingDocumentBelongsInTheReadmeElseTheManifest()
    {
        using var withReadme = new TempRepo(("package.json", ExpressPackage), ("docs/README.md", "# docs\n"), ("README.md", "# orders\n"));
        using var withoutReadme = new TempRepo(("package.json", ExpressPackage), ("src/app.js", "require('express');\n"));

        Assert.Equal(new SourceLocation("README.md", 0), Scan(withReadme, "ops.runbook").FixAt);
        Assert.Equal(new SourceLocation("package.json", 0), Scan(withoutReadme, "ops.runbook").FixAt);
    }

    [Fact]
    public void GlobsThatNameAKindOfFileArePlacesAndBroadOnesAreNot()
    {
        using var repo = new TempRepo(
            ("README.md", "# app\n"),
            ("a-config.yml", "key: value\n"),
            ("scripts/deploy.sh", "echo deploy\n"),
            (".github/workflows/release.yml", "on: push\n"));

        // `**/*.yml` would match any YAML file: it says nothing about where alerting belongs.
        var broad = EvaluateRule("query: { in: \"**/*.yml\", path: groups }", repo);
        // Of several globs, the rule's first one that matches a file is the place, however deep.
        var narrow = EvaluateRule("content: { files: [\".github/workflows/*.yml\", \"scripts/**\"], pattern: 'kubectl rollout status' }", repo);

        Assert.Equal(new SourceLocation("README.md", 0), broad.FixAt);
        Assert.Equal(new SourceLocation(".github/workflows/release.yml", 0), narrow.FixAt);
    }

    [Fact]
    public void ForbiddenThingFoundIsLocatedWhereItWasFound()
    {
        using var repo = new TempRepo(("README.md", "# app\n"), ("src/db.py", "import os\n\nDEBUG = True\n"));

        var result = EvaluateRule("not: { content: { languages: [python], pattern: 'DEBUG = True' } }", repo);

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Equal(new SourceLocation("src/db.py", 3), result.FixAt);
    }

    [Fact]
    public void EmptyRepositoryStillHasAPlace()
    {
        using var repo = new TempRepo();

        var result = EvaluateRule("file: { glob: [RUNBOOK.md] }", repo);

        Assert.Equal(new SourceLocation("README.md", 0), result.FixAt);
    }

    [Theory]
    [InlineData("node-express-api")]
    [InlineData("python-fastapi")]
    [InlineData("aspnet-api")]
    [InlineData("go-hardened")]
    public void EveryResultOfEverySampleHasAPlaceThatExists(string sample)
    {
        var root = RepositoryRoot.Samples(sample);
        var assessment = Scanner.Scan(root, BuiltIn, new ScanOptions());

        var missing = assessment.Results.Where(r => r.FixAt is not { } at || !File.Exists(Path.Combine(root, at.File))).Select(r => $"{r.Control.Id} {r.FixAt}");

        Assert.Empty(missing);
    }

    private static ControlResult Scan(TempRepo repo, string controlId) =>
        Scanner.Scan(repo.Root, BuiltIn, new ScanOptions()).Results.Single(r => r.Control.Id == controlId);

    private static ControlResult EvaluateRule(string detectYaml, TempRepo repo)
    {
        var control = Rules.Control(Rules.Detector(detectYaml));
        var catalog = new ControlCatalog([control], [], []);
        var (facts, _, _) = Scanner.Collect(repo.Root, catalog, new ScanOptions());
        return new ControlEvaluator(new DetectorEvaluator(facts), new DetectedStack()).Evaluate(control);
    }

    private static string Manifest(string path) => Path.GetFileName(path) switch
    {
        "package.json" => ExpressPackage,
        "pyproject.toml" => "[project]\nname = \"app\"\ndependencies = [\"fastapi==0.115.0\"]\n",
        "requirements.txt" => "fastapi==0.115.0\n",
        "Directory.Packages.props" => "<Project>\n  <ItemGroup>\n    <PackageVersion Include=\"Polly\" Version=\"8.4.1\" />\n  </ItemGroup>\n</Project>\n",
        "libs.versions.toml" => "[libraries]\nguava = \"com.google.guava:guava:33.2.1-jre\"\n",
        "build.gradle.kts" => "dependencies {\n    implementation(\"com.google.guava:guava:33.2.1-jre\")\n}\n",
        _ => "<Project Sdk=\"Microsoft.NET.Sdk.Web\">\n  <ItemGroup>\n    <PackageReference Include=\"Polly\" />\n  </ItemGroup>\n</Project>\n",
    };
}
