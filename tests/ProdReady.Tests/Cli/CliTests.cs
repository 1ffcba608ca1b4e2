using System.Text.Json;
using ProdReady.Tests.Support;

namespace ProdReady.Tests.Cli;

public class CliTests
{
    private static readonly string Sample = RepositoryRoot.Samples("node-express-api");

    [Fact]
    public void ScanPrintsStackScoresAndWhatToFix()
    {
        var run = Support.Cli.Run(RepositoryRoot.Path, "scan", "--no-history", Sample);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("express", run.Stdout);
        Assert.Contains("level NOT READY", run.Stdout);
        Assert.Contains("To fix, most important first", run.Stdout);
        Assert.Contains("FAIL P0", run.Stdout);
        Assert.DoesNotContain("\u001b[", run.Stdout); // no colour codes when redirected
    }

    [Fact]
    public void AProgressBarIsShownOnATerminalOnly()
    {
        using var output = new TempRepo();
        var onTerminal = Support.Cli.RunOnTerminal(RepositoryRoot.Path, "scan", "--no-history", RepositoryRoot.Path, "--output", Path.Combine(output.Root, "report.txt"));
        var redirected = Support.Cli.Run(RepositoryRoot.Path, "scan", "--no-history", RepositoryRoot.Path, "--format", "json");

        Assert.Equal(0, onTerminal.ExitCode);
        Assert.Contains("scanning files", onTerminal.Stdout);
        Assert.DoesNotContain("scanning files", redirected.Stderr);
        Assert.DoesNotContain("scanning files", redirected.Stdout);
    }

    [Fact]
    public void JsonOutputIsVersionedAndComplete()
    {
        var run = Support.Cli.Run(RepositoryRoot.Path, "scan", "--no-history", Sample, "--format", "json");

        Assert.Equal(0, run.ExitCode);
        using var document = JsonDocument.Parse(run.Stdout);
        var root = document.RootElement;
        Assert.Equal("1.1", root.GetProperty("schemaVersion").GetString());
        Assert.Equal(CatalogSize(), root.GetProperty("results").GetArrayLength());
        Assert.Equal("not-ready", root.GetProperty("scores").GetProperty("level").GetString());
    }

    [Fact]
    public void OutputFileIsWrittenAndMarkdownIsShort()
    {
        using var temp = new TempRepo();
        var file = Path.Combine(temp.Root, "summary.md");

        var run = Support.Cli.Run(RepositoryRoot.Path, "scan", "--no-history", Sample, "--format", "markdown", "--output", file);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stdout);
        var text = File.ReadAllText(file);
        Assert.StartsWith("## Production readiness:", text);
        Assert.Contains("| security |", text);
        Assert.True(text.Length < 65536, "a PR comment is limited to 65536 characters");
    }

    [Fact]
    public void ExplainShowsOneControlWithEvidence()
    {
        var run = Support.Cli.Run(RepositoryRoot.Path, "scan", "--no-history", Sample, "--explain", "sec.container-non-root");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("sec.container-non-root", run.Stdout);
        Assert.Contains("Evidence", run.Stdout);
        Assert.Contains("Dockerfile", run.Stdout);
        Assert.Contains("How to fix", run.Stdout);
    }

    [Fact]
    public void ShowArithmeticPrintsTheFormulaWithNumbers()
    {
        var run = Support.Cli.Run(RepositoryRoot.Path, "scan", "--no-history", Sample, "--show-arithmetic", "--category", "security");

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"security = 100 × \(10×[01](\.5)? \+", run.Stdout);
        Assert.Contains("overall = 100 ×", run.Stdout);
    }

    [Fact]
    public void MissingFolderAndUnknownOptionExitWithTwo()
    {
        var missing = Support.Cli.Run(RepositoryRoot.Path, "scan", "--no-history", "no/such/folder");
        var badFormat = Support.Cli.Run(RepositoryRoot.Path, "scan", "--no-history", Sample, "--format", "yaml");
        var unknownControl = Support.Cli.Run(RepositoryRoot.Path, "scan", "--no-history", Sample, "--explain", "sec.nope");

        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("no/such/folder: no such folder", missing.Stderr);
        Assert.Equal(2, badFormat.ExitCode);
        Assert.Equal(2, unknownControl.ExitCode);
        Assert.Contains("no control with id 'sec.nope'", unknownControl.Stderr);
    }

    [Fact]
    public void MalformedUserRuleStopsTheScanWithFileAndLine()
    {
        using var repo = new TempRepo(
            ("package.json", "{}"),
            (".prodready/rules/ours.yaml", "controls:\n  - id: sec.ours\n    title: Ours\n    category: security\n    priority: P9\n    rationale: r\n    remediation: r\n"));

        var run = Support.Cli.Run(repo.Root, "scan", "--no-history", ".");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(".prodready/rules/ours.yaml:5: priority must be P0, P1, P2 or P3, not 'P9'", run.Stderr);
        Assert.Contains("nothing was scanned", run.Stderr);
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public void RulesListShowAndValidate()
    {
        var list = Support.Cli.Run(RepositoryRoot.Path, "rules", "list");
        var show = Support.Cli.Run(RepositoryRoot.Path, "rules", "show", "sec.api-auth");
        var validate = Support.Cli.Run(RepositoryRoot.Path, "rules", "validate", "rules");

        Assert.Equal(0, list.ExitCode);
        Assert.Contains($"{CatalogSize()} controls", list.Stdout);
        Assert.Equal(0, show.ExitCode);
        Assert.Contains("id: sec.api-auth", show.Stdout);
        Assert.Contains("detect:", show.Stdout);
        Assert.Equal(0, validate.ExitCode);
        Assert.Contains("0 failed", validate.Stdout);
    }

    [Fact]
    public void ValidateReportsAFailingExample()
    {
        using var repo = new TempRepo(("rules/ours.yaml", """
            controls:
              - id: ops.changelog-ours
                title: A changelog exists
                category: operations
                priority: P3
                rationale: r
                remediation: r
                detect: { file: { glob: CHANGELOG.md } }
                examples:
                  pass:
                    - files: { CHANGES.md: "# 1.0" }
                  fail:
                    - files: { README.md: "x" }
            """));

        var run = Support.Cli.Run(repo.Root, "rules", "validate", "rules");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("rules/ours.yaml:11: ops.changelog-ours: example expected pass but was fail", run.Stderr);
    }

    [Fact]
    public void VersionAndHelp()
    {
        var version = Support.Cli.Run(RepositoryRoot.Path, "--version");
        var help = Support.Cli.Run(RepositoryRoot.Path, "scan", "--help");

        Assert.Equal(0, version.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+", version.Stdout);
        Assert.Contains("--max-file-size", help.Stdout);
    }

    private static int CatalogSize() => ProdReady.Catalog.CatalogLoader.LoadBuiltIn().Catalog.Controls.Count;
}
