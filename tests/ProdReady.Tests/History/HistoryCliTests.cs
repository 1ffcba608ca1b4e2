using System.Globalization;
using System.Text.Json;
using ProdReady.Tests.Support;

namespace ProdReady.Tests.History;

/// <summary>`prodready history` and `prodready diff` on a sample that got better between two recorded scans.</summary>
public sealed class HistoryCliTests(ClimbingSample sample) : IClassFixture<ClimbingSample>
{
    /// <summary>Controls the second commit was made to fix.</summary>
    private static readonly string[] Fixed = ["del.ci-pipeline", "rel.liveness-endpoint", "sec.security-headers", "test.ci-runs-tests"];

    private string Climb => (sample.AfterOverall - sample.BeforeOverall).ToString("+0.0", CultureInfo.InvariantCulture);

    [Fact]
    public void HistoryListsBothScansWithTheClimbMarked()
    {
        var run = sample.Run("history");

        Assert.Equal((0, ""), (run.ExitCode, run.Stderr));
        Assert.Contains("History · ./.prodready/history.db · 2 scans", run.Stdout);
        Assert.Matches($@"\n\s+1\s+\d{{4}}-\d\d-\d\d \d\d:\d\d\s+{sample.BeforeCommit[..7]}\s+main\s+{Score(sample.BeforeOverall)}\s+not ready\s*\n", run.Stdout);
        Assert.Matches($@"\n\s+2\s+\d{{4}}-\d\d-\d\d \d\d:\d\d\s+{sample.AfterCommit[..7]}\s+main\s+{Score(sample.AfterOverall)}\s+not ready\s+▲ \{Climb}\s*\n", run.Stdout);
        Assert.Matches($@"\n  overall\s+[▁▂▃▄▅▆▇█]{{2}}\s+{Score(sample.BeforeOverall)} →\s+{Score(sample.AfterOverall)}\s+▲ \{Climb}\n", run.Stdout);
        Assert.DoesNotContain("\u001b[", run.Stdout);
    }

    [Fact]
    public void HistoryAsJsonGivesEachScanItsChange()
    {
        var run = sample.Run("history", "--format", "json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        var scans = json.RootElement.GetProperty("scans").EnumerateArray().ToList();
        Assert.Equal(2, json.RootElement.GetProperty("total").GetInt32());
        Assert.Equal(
            [(1L, sample.BeforeCommit, JsonValueKind.Null, false), (2L, sample.AfterCommit, JsonValueKind.Number, true)],
            scans.Select(scan => (scan.GetProperty("id").GetInt64(), scan.GetProperty("commit").GetString()!, scan.GetProperty("change").ValueKind, scan.GetProperty("notable").GetBoolean())));
        Assert.Equal(Math.Round(sample.AfterOverall - sample.BeforeOverall, 1), scans[1].GetProperty("change").GetDouble());
        Assert.Equal(["security", "reliability", "observability", "performance", "data", "testing", "delivery", "operations", "ai"], scans[1].GetProperty("categories").EnumerateObject().Select(category => category.Name));
    }

    [Fact]
    public void ScanIdsCommitsAndJsonFilesGiveTheSameDiff()
    {
        var byId = Diff("1", "2");
        var byCommit = Diff(sample.BeforeCommit[..7], sample.AfterCommit);
        var byFile = Diff(sample.BeforeJson, sample.AfterJson);

        Assert.Equal(byId.Better, byCommit.Better);
        Assert.Equal(byId.Better, byFile.Better);
        Assert.Subset(byId.Better.ToHashSet(), Fixed.ToHashSet());
        Assert.Equal([], byId.Worse);
        Assert.Equal((1L, 2L), (byId.Ids.Before, byId.Ids.After));
        Assert.Equal((1L, 2L), (byCommit.Ids.Before, byCommit.Ids.After));
        Assert.Equal((null, null), (byFile.Ids.Before, byFile.Ids.After));
    }

    [Fact]
    public void TheDiffTableShowsTheScoresThenTheControlsThatGotBetter()
    {
        var run = sample.Run("diff", "1", "2");

        Assert.Equal((0, ""), (run.ExitCode, run.Stderr));
        Assert.Contains($"scan 1 (", run.Stdout);
        Assert.Contains($", {sample.BeforeCommit[..7]}, main) → scan 2 (", run.Stdout);
        Assert.Matches($@"\n  overall\s+{Score(sample.BeforeOverall)}\s+{Score(sample.AfterOverall)}\s+▲ \{Climb}\s*\n", run.Stdout);
        Assert.Matches(@"\nBetter \(\d+\)\n", run.Stdout);
        Assert.DoesNotContain("Worse (", run.Stdout);
        Assert.Matches(@"\n  ▲ P0 rel\.liveness-endpoint\s+fail → pass  The service exposes a liveness health endpoint\n", run.Stdout);
        Assert.Matches(@"\n  ▲ P0 test\.ci-runs-tests\s+fail → pass  CI runs the test suite on every change\n", run.Stdout);
    }

    [Fact]
    public void OnATerminalTheNotableMoveIsColoured()
    {
        var run = Support.Cli.RunOnTerminal(sample.Repo, "history");

        Assert.Equal(0, run.ExitCode);
        Assert.Matches($@"\u001b\[[0-9;]*m▲ \{Climb}", run.Stdout);
    }

    [Fact]
    public void AnUnknownScanIsAnErrorNamingTheStore()
    {
        var run = sample.Run("diff", "1", "7");

        Assert.Equal((2, "", "error: ./.prodready/history.db: no scan with id 7; `prodready history` lists them"), (run.ExitCode, run.Stdout, run.Stderr.Trim()));
    }

    private (List<string> Better, List<string> Worse, (long? Before, long? After) Ids) Diff(string before, string after)
    {
        var run = sample.Run("diff", before, after, "--format", "json");
        Assert.True(run.ExitCode == 0, run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout);
        var root = json.RootElement;
        List<string> Ids(string list) => [.. root.GetProperty(list).EnumerateArray().Select(change => change.GetProperty("id").GetString()!)];
        long? Id(string side) => root.GetProperty(side).GetProperty("id") is { ValueKind: JsonValueKind.Number } id ? id.GetInt64() : null;
        return (Ids("better"), Ids("worse"), (Id("before"), Id("after")));
    }

    private static string Score(double value) => value.ToString("0.0", CultureInfo.InvariantCulture).Replace(".", @"\.", StringComparison.Ordinal);
}
