using ProdReady.History;
using ProdReady.Tests.Reporting.Html;
using ProdReady.Tests.Support;
using static ProdReady.Tests.Reporting.Html.HtmlPage;

namespace ProdReady.Tests.Cli;

/// <summary>`prodready report --format html`: the page, the scan recorded, and the trend read back from the history.</summary>
public sealed class HtmlReportCliTests : IDisposable
{
    private readonly TempRepo _repo = new(("package.json", "{\"name\": \"tiny\"}"), ("index.js", "console.log('hi');\n"));

    [Fact]
    public void EachReportRecordsTheScanAndPlotsTheHistory()
    {
        var report = Path.Combine(_repo.Root, "out", "readiness.html");

        var first = Support.Cli.Run(_repo.Root, "report", "--format", "html", "--output", report);
        var afterOne = Parse(File.ReadAllText(report));
        var second = Support.Cli.Run(_repo.Root, "report", ".", "-f", "html", "-o", report);
        var afterTwo = Parse(File.ReadAllText(report));

        Assert.Equal((0, 0, "", ""), (first.ExitCode, second.ExitCode, first.Stderr, second.Stderr));
        using var store = HistoryStore.OpenExisting(Path.Combine(_repo.Root, ".prodready", "history.db"));
        Assert.Equal(2, store.Count());
        Assert.Single(afterOne.ById("chart-trend").Descendants(Svg + "circle"));
        Assert.Equal(2, afterTwo.ById("chart-trend").Descendants(Svg + "circle").Count());
    }

    [Fact]
    public void NoHistoryRecordsNothingAndStillDrawsThisScan()
    {
        var report = Path.Combine(_repo.Root, "readiness.html");

        var run = Support.Cli.Run(_repo.Root, "report", "--format", "html", "--output", report, "--no-history");

        Assert.Equal((0, ""), (run.ExitCode, run.Stderr));
        Assert.False(Directory.Exists(Path.Combine(_repo.Root, ".prodready")));
        Assert.Single(Parse(File.ReadAllText(report)).ById("chart-trend").Descendants(Svg + "circle"));
    }

    [Fact]
    public void AMissingFolderIsBadInputAndWritesNothing()
    {
        var report = Path.Combine(_repo.Root, "readiness.html");

        var run = Support.Cli.Run(_repo.Root, "report", "no-such-folder", "--format", "html", "--output", report);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no-such-folder: no such folder", run.Stderr);
        Assert.False(File.Exists(report));
    }

    public void Dispose() => _repo.Dispose();
}
