using System.Net;
using System.Xml.Linq;
using ProdReady.Model;
using ProdReady.Reporting;
using ProdReady.Reporting.Html;
using ProdReady.Server;
using ProdReady.Server.Store;
using ProdReady.Tests.Reporting.Html;
using static ProdReady.Tests.Server.ServerScans;
using HistoryScans = ProdReady.Tests.History.Scans;

namespace ProdReady.Tests.Server;

/// <summary>The dashboard's pages over real HTTP (public read, so no sign-in), on assessments of the real node sample.</summary>
public sealed class DashboardPagesTests : StoreTests, IAsyncLifetime
{
    private static readonly DateTimeOffset Start = HistoryScans.At(null).Time;

    private readonly ManualClock _clock = new(Start.AddDays(1));
    private PortfolioStore _store = null!;
    private RunningServer _server = null!;
    private HttpClient _client = null!;

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        _store = await Open(_clock);
        _server = await RunningServer.StartAsync(_store, new ServerSettings { PublicRead = true, StaleAfter = TimeSpan.FromDays(14) }, _clock);
        _client = _server.Client();
    }

    public override async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
        await base.DisposeAsync();
    }

    protected override Task<StoreDatabase> CreateDatabaseAsync() => Task.FromResult(StoreDatabase.SqliteIn(Temp));

    [Fact]
    public async Task ThePortfolioFiltersSortsAndPagesOnTheServer()
    {
        // 55 services: even ones team-a, odd ones team-b; every fifth critical; svc-NN scanned NN minutes after the start;
        // svc-07 has the P0 control passing, so the best score.
        for (var i = 0; i < 55; i++)
        {
            var scan = HistoryScans.At(HistoryScans.Commit('a'), minutes: i);
            await IngestAsync(_store, $"svc-{i:00}", i % 2 == 0 ? "team-a" : "team-b", i % 5 == 0 ? ServiceTier.Critical : ServiceTier.Standard,
                i == 7 ? Status(scan, NodeControl, ResultStatus.Pass) : scan);
        }

        var filtered = await PageAsync("/?owner=team-a&tier=critical");
        var latestFirst = await PageAsync("/?sort=scanned&dir=desc");
        var secondPage = await PageAsync("/?sort=scanned&dir=desc&page=2");
        var pastTheEnd = await PageAsync("/?sort=scanned&dir=desc&page=99");
        var bestFirst = await PageAsync("/?sort=score&dir=desc");
        var fewestP0First = await PageAsync("/?sort=p0");
        var byName = await PageAsync("/?sort=bogus&page=x");

        Assert.Equal(["svc-00", "svc-10", "svc-20", "svc-30", "svc-40", "svc-50"], Services(filtered));
        Assert.Equal("6", Total(filtered, "services"));
        Assert.Equal([.. Enumerable.Range(5, 50).Reverse().Select(i => $"svc-{i:00}")], Services(latestFirst));
        Assert.Equal("55", Total(latestFirst, "services"));
        Assert.Equal(["svc-04", "svc-03", "svc-02", "svc-01", "svc-00"], Services(secondPage));
        Assert.Equal("Page 2 of 2 (services 51–55)", secondPage.ById("page-position").Value);
        Assert.Equal(Services(secondPage), Services(pastTheEnd));
        Assert.Equal([.. new[] { 7 }.Concat(Enumerable.Range(0, 50).Where(i => i != 7)).Select(i => $"svc-{i:00}")], Services(bestFirst));   // equal scores: by name
        Assert.Equal(Services(bestFirst), Services(fewestP0First));
        Assert.Equal([.. Enumerable.Range(0, 50).Select(i => $"svc-{i:00}")], Services(byName));
        // Links keep the filter and sort: the next page, and a heading that flips the direction.
        Assert.Equal("/?sort=scanned&dir=desc&page=2", Link(latestFirst, "next"));
        Assert.Equal("/?owner=team-a&tier=critical&sort=score", HeadingLink(filtered, "Score"));
        Assert.Equal("/?sort=scanned", HeadingLink(latestFirst, "Last scan ▼"));
    }

    [Fact]
    public async Task ThePortfolioShowsANewAssessmentAtTheNextRequestAndAgesWithTheClock()
    {
        await IngestAsync(_store, "orders", "team-a", ServiceTier.Standard, HistoryScans.At(HistoryScans.Commit('a')));
        var before = await PageAsync("/");

        await IngestAsync(_store, "search", "team-b", ServiceTier.Standard, HistoryScans.At(HistoryScans.Commit('a')));
        var after = await PageAsync("/");
        _clock.Now = Start.AddDays(20);
        var later = await PageAsync("/");

        Assert.Equal(["orders"], Services(before));
        Assert.Equal(["orders", "search"], Services(after));
        Assert.Equal(["24 hours ago", "24 hours ago"], Rows(after).Select(row => row.Descendants(HtmlPage.X + "time").Single().Value));
        Assert.Equal(["20 days ago", "20 days ago"], Rows(later).Select(row => row.Descendants(HtmlPage.X + "time").Single().Value));
        Assert.Equal(("0", "2"), (Total(after, "stale"), Total(later, "stale")));
    }

    [Fact]
    public async Task AServiceWithoutAScanForTheStaleLimitIsFlagged()
    {
        await IngestAsync(_store, "old", "team-a", ServiceTier.Standard, HistoryScans.At(HistoryScans.Commit('a'), minutes: 0));
        await IngestAsync(_store, "fresh", "team-a", ServiceTier.Standard, HistoryScans.At(HistoryScans.Commit('a'), minutes: 10 * 24 * 60));
        _clock.Now = Start.AddDays(15);

        var page = await PageAsync("/");

        Assert.Equal(["fresh", "old"], Services(page));
        Assert.Equal([("fresh", (string?)null), ("old", "stale")], Rows(page).Select(row => ((string)row.Attribute("data-service")!, (string?)row.Attribute("class"))));
        Assert.Equal("5 days ago", Rows(page)[0].Descendants(HtmlPage.X + "time").Single().Value);
        Assert.Equal("15 days ago stale", Rows(page)[1].Elements(HtmlPage.X + "td").Last().Value);
        Assert.Equal(("1", "2"), (Total(page, "stale"), Total(page, "services")));
        Assert.Contains("id=\"stale\"", await _client.GetStringAsync("/services/old"), StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"stale\"", await _client.GetStringAsync("/services/fresh"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AServicePageShowsItsChartsFailingControlsWithEvidenceAndTheChange()
    {
        var fixedUp = Status(HistoryScans.At(HistoryScans.Commit('a'), minutes: 0), NodeControl, ResultStatus.Pass);
        var broken = HistoryScans.At(HistoryScans.Commit('b'), minutes: 10);
        await IngestAsync(_store, "payments", "team-a", ServiceTier.Critical, fixedUp, broken);

        var page = await PageAsync("/services/payments");

        Assert.Equal("payments", page.All("h1").Single().Value);
        Assert.Equal(broken.Scores.Categories.Count(score => score.Value is not null), page.ById("chart-categories").Descendants(HtmlPage.Svg + "rect").Count());
        Assert.Equal(
            [ReportText.Percent(fixedUp.Scores.Overall.Value), ReportText.Percent(broken.Scores.Overall.Value)],
            page.ById("chart-trend").Descendants(HtmlPage.Svg + "circle").Select(point => (string)point.Attribute("data-value")!));
        var notMet = broken.Results.Where(result => result.Status is ResultStatus.Fail or ResultStatus.Partial).ToList();
        var rows = page.ById("failing-controls").Element(HtmlPage.X + "tbody")!.Elements(HtmlPage.X + "tr").ToList();
        Assert.Equal(
            notMet.OrderBy(result => result.Status == ResultStatus.Fail ? 0 : 1).ThenBy(result => result.Control.Priority).ThenBy(result => result.Control.Id, StringComparer.Ordinal).Select(result => result.Control.Id),
            rows.Select(row => (string)row.Attribute("data-control")!));
        foreach (var result in notMet)
        {
            var row = rows.Single(row => (string)row.Attribute("data-control")! == result.Control.Id);
            Assert.Equal($"/controls/{result.Control.Id}", row.Descendants(HtmlPage.X + "a").First().Attribute("href")!.Value);
            Assert.Equal(
                result.Evidence.Where(evidence => evidence.Location.Length > 0).Select(evidence => evidence.Location),
                row.Descendants(HtmlPage.X + "li").SelectMany(li => li.Elements(HtmlPage.X + "code")).Select(code => code.Value));
            Assert.Equal($"Fix at {ReportText.Place(result)}: {result.Control.Remediation}", row.Descendants(HtmlPage.X + "p").Single().Value);
        }
        Assert.Contains(notMet, result => result.Evidence.Any(evidence => evidence.Line is > 0));   // some evidence is file:line
        var change = page.ById("control-changes").Elements(HtmlPage.X + "li").Single();
        Assert.Equal($"▼ worse: P0 {NodeControl} {broken.Results.Single(r => r.Control.Id == NodeControl).Control.Title}: pass → fail", change.Value);
        Assert.StartsWith("Since assessment 1 (2026-11-21 10:00 UTC at commit aaaaaaa)", page.ById("change").Element(HtmlPage.X + "p")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AControlPageListsTheServicesFailingItFirstAndSinceWhen()
    {
        Assessment At(char commit, int minutes, ResultStatus status) => Status(HistoryScans.At(HistoryScans.Commit(commit), minutes), NodeControl, status);
        await IngestAsync(_store, "payments", "team-a", ServiceTier.Critical, At('a', 0, ResultStatus.Fail), At('b', 10, ResultStatus.Pass), At('c', 20, ResultStatus.Fail));
        await IngestAsync(_store, "search", "team-b", ServiceTier.Standard, At('a', 0, ResultStatus.Pass));
        await IngestAsync(_store, "orders", "team-a", ServiceTier.Standard, At('a', 0, ResultStatus.Fail), At('b', 5, ResultStatus.Fail));

        var page = await PageAsync($"/controls/{NodeControl}");

        var failing = page.ById("failing-services").Element(HtmlPage.X + "tbody")!.Elements(HtmlPage.X + "tr").ToList();
        Assert.Equal(["orders", "payments"], failing.Select(row => (string)row.Attribute("data-service")!));
        Assert.Equal(["2026-11-21T10:00:00Z", "2026-11-21T10:20:00Z"], failing.Select(row => (string)row.Descendants(HtmlPage.X + "time").Single().Attribute("datetime")!));
        Assert.Equal(["team-a", "team-a"], failing.Select(row => row.Elements(HtmlPage.X + "td").First().Value));
        Assert.Equal(["search"], page.ById("other-services").Element(HtmlPage.X + "tbody")!.Elements(HtmlPage.X + "tr").Select(row => (string)row.Attribute("data-service")!));
        var control = HistoryScans.Sample.Results.Single(r => r.Control.Id == NodeControl).Control;
        Assert.Equal($"{NodeControl} {control.Title}", page.All("h1").Single().Value);
        Assert.Equal($"{control.Category} · P0 · fails in the latest scan of 2 of 3 services", page.All("p").First(p => (string?)p.Attribute("class") == "meta").Value);
        Assert.Equal($"Fix: {control.Remediation}", page.All("header").Last().Elements(HtmlPage.X + "p").Last().Value);
    }

    [Theory]
    [InlineData("/services/nobody", "No service named 'nobody' has pushed an assessment to this server.")]
    [InlineData("/controls/no.such-control", "No service's latest assessment has a control 'no.such-control'.")]
    public async Task AnUnknownServiceOrControlIsA404Page(string path, string message)
    {
        using var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = HtmlPage.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(message, page.All("main").Single().Elements(HtmlPage.X + "p").First().Value);
    }

    [Fact]
    public async Task HostileNamesAreEscapedEverywhere()
    {
        const string Name = "\"><script>alert(1)<", Owner = "</td><script>alert(2)</script>";
        await IngestAsync(_store, Name, Owner, ServiceTier.Standard, HistoryScans.At(HistoryScans.Commit('a')));

        using var response = await _client.GetAsync("/");
        var portfolio = await response.Content.ReadAsStringAsync();
        var service = await _client.GetStringAsync("/services/" + Uri.EscapeDataString(Name));
        var control = await _client.GetStringAsync($"/controls/{NodeControl}");

        foreach (var html in new[] { portfolio, service, control })
        {
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("&lt;script&gt;alert(", html, StringComparison.Ordinal);
        }
        Assert.Equal([Name], Services(HtmlPage.Parse(portfolio)));
        Assert.Equal([Owner], HtmlPage.Parse(portfolio).All("option").Select(option => option.Value).Where(value => value.Contains("alert", StringComparison.Ordinal)));
        Assert.Equal(Name, HtmlPage.Parse(service).All("h1").Single().Value);
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Equal($"default-src 'none'; style-src '{HtmlText.CspHash(HtmlPage.Parse(portfolio).Style)}'; img-src data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'", policy);
    }

    private async Task<HtmlPage> PageAsync(string path)
    {
        using var response = await _client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return HtmlPage.Parse(await response.Content.ReadAsStringAsync());
    }

    private static List<XElement> Rows(HtmlPage page) => [.. page.ById("services").Element(HtmlPage.X + "tbody")!.Elements(HtmlPage.X + "tr")];

    private static List<string> Services(HtmlPage page) => [.. Rows(page).Select(row => (string)row.Attribute("data-service")!)];

    private static string Total(HtmlPage page, string name) =>
        page.ById("totals").Elements(HtmlPage.X + "li").Single(li => (string?)li.Attribute("data-total") == name).Element(HtmlPage.X + "strong")!.Value;

    private static string HeadingLink(HtmlPage page, string heading) =>
        page.All("th").Single(th => th.Value == heading).Element(HtmlPage.X + "a")!.Attribute("href")!.Value;

    private static string Link(HtmlPage page, string rel) => page.All("a").Single(a => (string?)a.Attribute("rel") == rel).Attribute("href")!.Value;
}
