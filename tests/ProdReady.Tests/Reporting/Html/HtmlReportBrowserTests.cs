using Microsoft.Playwright;
using ProdReady.Model;
using ProdReady.Tests.Support;
using Xunit.Abstractions;

namespace ProdReady.Tests.Reporting.Html;

/// <summary>
/// The report of a real sample, written by the CLI and opened in Debian's chromium through Playwright: it loads
/// nothing, its charts and filter work, it follows the colour scheme and prints on white. Saves screenshots.
/// </summary>
public sealed class HtmlReportBrowserTests(ITestOutputHelper output)
{
    private const string Sample = "node-express-api";

    private static string Artifacts => Chromium.Artifacts("html-report");

    [Fact]
    public async Task TheReportWorksInChromiumAndLoadsNothing()
    {
        using var temp = new TempRepo();
        var report = await WriteReportTwice(temp.Root);
        var expected = Scans.Sample(Sample);
        var failing = expected.Results.Count(r => r.Status == ResultStatus.Fail);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 1000 }, ColorScheme = ColorScheme.Light });
        var requests = new List<string>();
        page.Request += (_, request) => requests.Add(request.Url);
        await page.GotoAsync(new Uri(report).AbsoluteUri);

        // Long unbroken text (a regular expression in a reason) wraps instead of pushing the page sideways.
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways");
        foreach (var chart in new[] { "#chart-categories", "#chart-trend", "#chart-statuses" })
        {
            Assert.True(await page.Locator(chart).IsVisibleAsync(), chart + " is not visible");
            var box = await page.Locator(chart).BoundingBoxAsync();
            Assert.True(box is { Width: > 200, Height: > 30 }, $"{chart} is {box?.Width}×{box?.Height}");
        }
        Assert.Equal(expected.Scores.Categories.Count(score => score.Value is not null), await page.Locator("#chart-categories rect.bar").CountAsync());
        Assert.Equal(2, await page.Locator("#chart-trend circle.point").CountAsync());   // two reports, two recorded scans
        Assert.Equal(1, await page.Locator("#chart-trend polyline").CountAsync());
        Assert.Equal(Enum.GetValues<ResultStatus>().Count(status => expected.Results.Any(r => r.Status == status)), await page.Locator("#chart-statuses rect.segment").CountAsync());
        await Screenshot(page, "light");

        var rows = page.Locator("#controls tbody tr");
        var visible = page.Locator("#controls tbody tr:visible");
        await Assertions.Expect(visible).ToHaveCountAsync(expected.Results.Count);   // waits for the filter script
        await page.SelectOptionAsync("#filter-status", "fail");
        await Assertions.Expect(visible).ToHaveCountAsync(failing);   // waits for the filter script
        Assert.Equal(Enumerable.Repeat("fail", failing), await visible.EvaluateAllAsync<string[]>("rows => rows.map(row => row.dataset.status)"));
        await Assertions.Expect(page.Locator("#shown")).ToHaveTextAsync($"{failing} of {expected.Results.Count} controls shown");
        await page.ClickAsync("#filters button[type=reset]");
        await Assertions.Expect(visible).ToHaveCountAsync(expected.Results.Count);   // waits for the filter script
        await page.FillAsync("#filter-text", "sec.container-non-root");
        await Assertions.Expect(visible).ToHaveCountAsync(1);
        Assert.Equal(["control-sec.container-non-root"], await visible.EvaluateAllAsync<string[]>("rows => rows.map(row => row.id)"));
        await page.FillAsync("#filter-text", "");
        await page.SelectOptionAsync("#filter-priority", "P0");
        await Assertions.Expect(visible).ToHaveCountAsync(expected.Results.Count(r => r.Control.Priority == Priority.P0));   // waits for the filter script

        Assert.Equal("rgb(255, 255, 255)", await BodyBackground(page));
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        Assert.Equal("rgb(13, 17, 23)", await BodyBackground(page));
        await Screenshot(page, "dark");

        // Printing, even from a dark screen with the table filtered: white paper, no filter form, every row.
        await page.EmulateMediaAsync(new() { Media = Media.Print, ColorScheme = ColorScheme.Dark });
        Assert.Equal("rgb(255, 255, 255)", await BodyBackground(page));
        Assert.False(await page.Locator("#filters").IsVisibleAsync());
        await Assertions.Expect(visible).ToHaveCountAsync(expected.Results.Count);   // waits for the filter script
        Assert.True(await page.Locator("#control-sec\\.no-committed-secrets details pre").First.IsVisibleAsync(), "evidence inside a closed <details> is not printed");
        var pdf = await page.PdfAsync(new() { Path = Path.Combine(Artifacts, $"{Sample}.pdf") });
        Assert.Equal("%PDF"u8.ToArray(), pdf[..4]);

        Assert.Equal([new Uri(report).AbsoluteUri], requests);
        Assert.Equal(expected.Results.Count, await rows.CountAsync());
    }

    [Fact]
    public async Task WithoutJavaScriptEverythingButTheFilterIsThere()
    {
        using var temp = new TempRepo();
        var report = await WriteReportTwice(temp.Root);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new() { JavaScriptEnabled = false });
        await page.GotoAsync(new Uri(report).AbsoluteUri);

        Assert.False(await page.Locator("#filters").IsVisibleAsync());
        Assert.Equal(Scans.Sample(Sample).Results.Count, await page.Locator("#controls tbody tr:visible").CountAsync());
        Assert.True(await page.Locator("#chart-trend").IsVisibleAsync());
        Assert.True(await page.Locator("#risk-table").IsVisibleAsync());
    }

    /// <summary>`prodready report` twice on a committed copy of the sample, so the history holds two scans.</summary>
    private static async Task<string> WriteReportTwice(string folder)
    {
        var repo = Path.Combine(folder, "repo");
        await GitCopy.OfSample(Sample, repo);
        var report = Path.Combine(folder, "out", "readiness.html");
        for (var run = 0; run < 2; run++)
        {
            var result = Support.Cli.Run(repo, "report", "--format", "html", "--output", report);
            Assert.True(result.ExitCode == 0, result.Stderr);
        }
        return report;
    }

    private static Task<string> BodyBackground(IPage page) => page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");

    private async Task Screenshot(IPage page, string scheme)
    {
        var path = Path.Combine(Artifacts, $"{Sample}-{scheme}.png");
        await page.ScreenshotAsync(new() { Path = path });
        output.WriteLine("screenshot: " + path);
    }
}
