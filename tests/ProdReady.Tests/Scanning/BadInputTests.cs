using ProdReady.Catalog;
using ProdReady.Model;
using ProdReady.Scanning;
using ProdReady.Scanning.Evaluation;
using ProdReady.Tests.Support;

namespace ProdReady.Tests.Scanning;

/// <summary>Bad input is reported with file and line and the scan goes on.</summary>
public class BadInputTests
{
    private static readonly ControlCatalog BuiltIn = CatalogLoader.LoadBuiltIn().Catalog;

    [Fact]
    public void MalformedManifestIsAWarningWithItsLineAndOtherFilesStillCount()
    {
        using var repo = new TempRepo(
            ("package.json", "{\n  \"dependencies\": {\n    \"express\": \"^4.19.2\",\n  \"helmet\"\n}\n"),
            ("services/api/package.json", "{ \"dependencies\": { \"express\": \"4.19.2\" } }"));

        var assessment = Scanner.Scan(repo.Root, BuiltIn, new ScanOptions());

        var warning = Assert.Single(assessment.Diagnostics, d => d.File == "package.json");
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.True(warning.Line is 4 or 5, warning.ToString());
        Assert.Contains("express", assessment.Stack.Frameworks);
    }

    [Fact]
    public void HostileYamlIsReportedAndSkippedWithoutEndingTheScan()
    {
        // An alias inside its own anchor, flow collections nested 100,000 deep, and aliases of aliases nine
        // times over ("billion laughs"): each would overflow the stack or exhaust memory if expanded naively.
        var laughs = "a: &a [x, x, x, x, x, x, x, x, x]\n" + string.Concat(Enumerable.Range(1, 8).Select(level =>
            $"{(char)('a' + level)}: &{(char)('a' + level)} [{string.Join(", ", Enumerable.Repeat("*" + (char)('a' + level - 1), 9))}]\n"));
        using var repo = new TempRepo(
            ("docker-compose.yml", "services:\n  api: &api\n    image: api:1.0\n    links: *api\n"),
            (".github/workflows/ci.yml", "on: push\njobs: " + new string('[', 100_000) + new string(']', 100_000) + "\n"),
            ("deploy/k8s.yaml", "apiVersion: v1\nkind: ConfigMap\n" + laughs),
            ("package.json", "{ \"dependencies\": { \"express\": \"4.19.2\" } }"));

        var assessment = Scanner.Scan(repo.Root, BuiltIn, new ScanOptions());

        Assert.Equal(
            [
                (".github/workflows/ci.yml", 2, "YAML nests deeper than 256 levels, skipped"),
                ("deploy/k8s.yaml", 3, "YAML aliases expand too far (over 1,000,000 nodes), skipped"),
                ("docker-compose.yml", 3, "YAML aliases expand too far (deeper than 256 levels), skipped"),
            ],
            assessment.Diagnostics.Select(d => (d.File, d.Line, d.Message)));
        Assert.Contains("express", assessment.Stack.Frameworks);
    }

    [Fact]
    public void ByteOrderMarksAreNotPartOfTheText()
    {
        // Visual Studio writes project files and appsettings.json with a UTF-8 byte order mark.
        byte[] bom = [0xEF, 0xBB, 0xBF];
        using var repo = new TempRepo();
        repo.WriteBytes("src/Api/Api.csproj", [.. bom, .. "<Project Sdk=\"Microsoft.NET.Sdk.Web\">\n  <ItemGroup>\n    <PackageReference Include=\"Polly\" Version=\"8.4.0\" />\n  </ItemGroup>\n</Project>\n"u8.ToArray()]);
        repo.WriteBytes("src/Api/appsettings.json", [.. bom, .. "{ \"Logging\": { \"LogLevel\": { \"Default\": \"Information\" } } }\n"u8.ToArray()]);

        var assessment = Scanner.Scan(repo.Root, BuiltIn, new ScanOptions());

        Assert.Empty(assessment.Diagnostics);
        Assert.Contains("dotnet", assessment.Stack.Ecosystems);
    }

    [Fact]
    public void InvalidUtf8IsReportedAtItsLineAndTheRestOfTheFileIsScanned()
    {
        using var repo = new TempRepo();
        repo.WriteBytes("src/app.py", [.. "line one\nline two "u8.ToArray(), 0xC3, 0x28, .. "\nfrom fastapi import FastAPI\napp = FastAPI()\n"u8.ToArray()]);

        var outcome = Rules.Evaluate("content: { languages: [python], pattern: 'FastAPI\\(\\)' }", repo);
        var (_, _, diagnostics) = Scanner.Collect(repo.Root, new ControlCatalog([Rules.Control(Rules.Detector("content: { languages: [python], pattern: 'FastAPI' }"))], [], []), new ScanOptions());

        Assert.Equal(OutcomeStatus.Pass, outcome.Status);
        Assert.Equal(4, outcome.Evidence[0].Line);
        var warning = Assert.Single(diagnostics);
        Assert.Equal(("src/app.py", 2), (warning.File, warning.Line));
        Assert.Contains("invalid UTF-8", warning.Message);
    }

    [Fact]
    public void BinaryAndOversizedFilesAreSkippedAndCounted()
    {
        using var repo = new TempRepo(("src/big.ts", "app.use(helmet());\n" + new string('x', 2048)), ("src/small.ts", "const a = 1;\n"));
        repo.WriteBytes("src/blob.ts", [0x61, 0x00, 0x62]);

        var catalog = new ControlCatalog([Rules.Control(Rules.Detector(@"content: { languages: [typescript], pattern: 'helmet' }"))], [], []);
        var (facts, statistics, _) = Scanner.Collect(repo.Root, catalog, new ScanOptions { MaxFileSize = 1024 });

        Assert.Equal(3, statistics.FilesSeen);
        Assert.Equal(1, statistics.FilesRead);
        Assert.Equal(1, statistics.SkippedTooLarge);
        Assert.Equal(1, statistics.SkippedBinary);
        Assert.Equal(OutcomeStatus.Fail, new DetectorEvaluator(facts).Evaluate(catalog.Controls[0].Detect!).Status);
    }

    [Fact]
    public void MalformedYamlAndDockerfileAreReportedAndSkipped()
    {
        using var repo = new TempRepo(
            ("docker-compose.yml", "services:\n  api:\n    image: a:1\n   bad indent: [\n"),
            ("Dockerfile", "# no FROM here\nRUN echo hi\n"),
            ("deploy/k8s.yaml", "apiVersion: v1\nkind: Service\nmetadata: {name: x\n"));

        var assessment = Scanner.Scan(repo.Root, BuiltIn, new ScanOptions());

        Assert.Contains(assessment.Diagnostics, d => d.File == "docker-compose.yml" && d.Line >= 4 && d.Message.Contains("invalid YAML"));
        Assert.Contains(assessment.Diagnostics, d => d.File == "deploy/k8s.yaml" && d.Message.Contains("invalid YAML"));
        Assert.Contains(assessment.Diagnostics, d => d.File == "Dockerfile");
    }

    [Fact]
    public void YamlThatMakesTheParserThrowWithoutAPositionIsReportedNotACrash()
    {
        using var repo = new TempRepo(("docker-compose.yml", "services:\n  api:\n    image: [unclosed\nvolumes: {}\n"));

        var assessment = Scanner.Scan(repo.Root, BuiltIn, new ScanOptions());

        Assert.Contains(assessment.Diagnostics, d => d.ToString() == "docker-compose.yml: invalid YAML, skipped: the parser failed without giving a line (often an unclosed [ or {)");
    }

    [Fact]
    public void AFileThatCannotBeReadIsReportedAndTheScanGoesOn()
    {
        // Tests run as root in CI, where permissions cannot make a file unreadable; a file that vanishes between
        // the walk and the read takes the same path through the scanner.
        using var repo = new TempRepo(("src/gone.ts", "x"), ("src/here.ts", "app.use(helmet());"));
        var catalog = new ControlCatalog([Rules.Control(Rules.Detector("content: { languages: [typescript], pattern: 'helmet' }"))], [], []);
        var walk = RepositoryWalker.Walk(repo.Root, new ScanOptions());
        File.Delete(Path.Combine(repo.Root, "src", "gone.ts"));

        var collector = new FileCollector(repo.Root, ScanPlan.For(catalog), new ScanOptions());
        var facts = collector.Collect(walk, out _, TimeSpan.Zero);

        var warning = Assert.Single(collector.Diagnostics);
        Assert.Equal("src/gone.ts", warning.File);
        Assert.Contains("cannot read file", warning.Message);
        var content = facts.Content.Values.Single();
        Assert.Equal(1, content.FilesMatched);
        Assert.Equal("src/here.ts", Assert.Single(content.FirstHits).File);
    }
}
