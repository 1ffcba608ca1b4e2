using System.Net;
using System.Net.Http.Headers;
using Microsoft.Playwright;
using ProdReady.Model;
using ProdReady.Server.Auth;
using ProdReady.Tests.Support;
using Xunit.Abstractions;
using static ProdReady.Tests.Server.ServerScans;
using HistoryScans = ProdReady.Tests.History.Scans;

namespace ProdReady.Tests.Server;

/// <summary>
/// The dashboard in Debian's chromium: CI pushes two real assessments over HTTP with a write key, a person signs in
/// through the form with a read key, finds the service, opens it. Nothing is requested from anywhere but the server.
/// </summary>
public sealed class DashboardBrowserTests(ITestOutputHelper output) : StoreTests
{
    private const string Service = "checkout";

    [Fact]
    public async Task APersonSignsInFindsTheServiceAndSeesItsChartsAndFailingControls()
    {
        var store = await Open();
        await using var server = await RunningServer.StartAsync(store);
        var reader = await DashboardForms.KeyAsync(store, "dashboard-reader", KeyScopes.Read);
        var writer = await DashboardForms.KeyAsync(store, "ci-checkout", KeyScopes.Write);
        var before = Status(HistoryScans.At(HistoryScans.Commit('a'), minutes: 0), NodeControl, ResultStatus.Pass);
        var latest = HistoryScans.At(HistoryScans.Commit('b'), minutes: 30);
        using (var ci = server.Client(writer))
        {
            foreach (var scan in new[] { before, latest })
            {
                using var body = new StringContent(Json(scan, Service, "team-payments", ServiceTier.Critical), new MediaTypeHeaderValue("application/json"));
                using var pushed = await ci.PostAsync("/api/v1/assessments", body);
                Assert.Equal(HttpStatusCode.Created, pushed.StatusCode);
            }
        }

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 1000 }, ColorScheme = ColorScheme.Light });
        var requests = new List<string>();
        page.Request += (_, request) => requests.Add(request.Url);
        var blocked = new List<string>();
        page.Console += (_, message) => blocked.Add(message.Text);

        await page.GotoAsync(server.Address.AbsoluteUri);
        await Assertions.Expect(page).ToHaveURLAsync(server.Address.AbsoluteUri + "signin?return=%2F");
        await page.FillAsync("#key", reader);
        await page.ClickAsync("form.signin button[type=submit]");

        var row = page.Locator($"#services tbody tr[data-service='{Service}']");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row.Locator("td").Nth(0)).ToHaveTextAsync("team-payments");
        await Assertions.Expect(row.Locator("svg.sparkline polyline")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("header.site")).ToContainTextAsync("signed in with key dashboard-reader");
        Assert.Equal("rgb(255, 255, 255)", await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor"));   // the hashed style applies
        await Screenshot(page, "portfolio");

        await row.Locator("a").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(Service);
        foreach (var chart in new[] { "#chart-categories", "#chart-trend" })
        {
            await Assertions.Expect(page.Locator(chart)).ToBeVisibleAsync();
            var box = await page.Locator(chart).BoundingBoxAsync();
            Assert.True(box is { Width: > 200, Height: > 30 }, $"{chart} is {box?.Width}×{box?.Height}");
        }
        await Assertions.Expect(page.Locator("#chart-trend circle.point")).ToHaveCountAsync(2);
        var notMet = latest.Results.Count(result => result.Status is ResultStatus.Fail or ResultStatus.Partial);
        await Assertions.Expect(page.Locator("#failing-controls tbody tr")).ToHaveCountAsync(notMet);
        await Assertions.Expect(page.Locator($"#failing-controls tr[data-control='{NodeControl}']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#control-changes li.down")).ToContainTextAsync(NodeControl);
        await Screenshot(page, "service");
        var evidence = page.Locator("#failing-controls details").First;
        await Assertions.Expect(evidence.Locator("li").First).Not.ToBeVisibleAsync();
        await evidence.Locator("summary").ClickAsync();
        await Assertions.Expect(evidence.Locator("li").First).ToBeVisibleAsync();

        await page.Locator($"#failing-controls tr[data-control='{NodeControl}'] a").ClickAsync();
        await Assertions.Expect(page.Locator("#failing-services tbody tr")).ToHaveCountAsync(1);
        await Screenshot(page, "control");

        Assert.NotEmpty(requests);
        Assert.All(requests, url => Assert.Equal(server.Address.Authority, new Uri(url).Authority));
        Assert.DoesNotContain(blocked, message => message.Contains("Content Security Policy", StringComparison.Ordinal));
    }

    protected override Task<StoreDatabase> CreateDatabaseAsync() => Task.FromResult(StoreDatabase.SqliteIn(Temp));

    private async Task Screenshot(IPage page, string name)
    {
        var path = Path.Combine(Chromium.Artifacts("server-dashboard"), $"{name}.png");
        await page.ScreenshotAsync(new() { Path = path });
        output.WriteLine("screenshot: " + path);
    }
}
