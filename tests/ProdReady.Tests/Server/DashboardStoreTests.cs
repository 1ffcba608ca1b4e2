using ProdReady.Model;
using ProdReady.Server.Store;
using static ProdReady.Tests.Server.ServerScans;
using HistoryScans = ProdReady.Tests.History.Scans;

namespace ProdReady.Tests.Server;

public sealed class SqliteDashboardStoreTests : DashboardStoreTests
{
    protected override Task<StoreDatabase> CreateDatabaseAsync() => Task.FromResult(StoreDatabase.SqliteIn(Temp));
}

public sealed class PostgresDashboardStoreTests(PostgresCluster cluster) : DashboardStoreTests, IClassFixture<PostgresCluster>
{
    protected override async Task<StoreDatabase> CreateDatabaseAsync() => new(StoreProvider.Postgres, await cluster.CreateDatabaseAsync());
}

/// <summary>The dashboard's queries on both databases: a page of the portfolio with its totals, owners, and failing since when.</summary>
public abstract class DashboardStoreTests : StoreTests, IAsyncLifetime
{
    private static readonly DateTimeOffset Start = HistoryScans.At(null).Time;

    private PortfolioStore Store { get; set; } = null!;

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        Store = await Open();
    }

    [Fact]
    public async Task AnEmptyPortfolioHasNoRowsAndZeroTotals()
    {
        var page = await Store.PortfolioPageAsync(new PortfolioQuery(null, null, PortfolioSort.P0, true, 1, 50), Start);

        Assert.Empty(page.Services);
        Assert.Equal((0, 0, 0, 0), (page.Totals.Services, page.Totals.ByLevel.Count, page.Totals.NeverScanned, page.Totals.Stale));
        Assert.Empty(await Store.OwnersAsync());
    }

    [Fact]
    public async Task APageIsFilteredSortedAndCountedInTheDatabase()
    {
        var fixedUp = Status(HistoryScans.At(HistoryScans.Commit('b'), minutes: 60), NodeControl, ResultStatus.Pass);
        await IngestAsync(Store, "payments", "team-a", ServiceTier.Critical, HistoryScans.At(HistoryScans.Commit('a'), minutes: 0), fixedUp);
        await IngestAsync(Store, "orders", "team-a", ServiceTier.Standard, HistoryScans.At(HistoryScans.Commit('a'), minutes: 30));
        await IngestAsync(Store, "search", "team-b", ServiceTier.Standard, HistoryScans.At(HistoryScans.Commit('a'), minutes: 10));
        var query = new PortfolioQuery(null, null, PortfolioSort.LastScan, Descending: true, Page: 1, PageSize: 2);
        var staleBefore = Start.AddMinutes(20);

        var first = await Store.PortfolioPageAsync(query, staleBefore, trendPoints: 5);
        var second = await Store.PortfolioPageAsync(query with { Page = 2 }, staleBefore);
        var teamA = await Store.PortfolioPageAsync(query with { Owner = "team-a", Sort = PortfolioSort.P0, Descending = false }, staleBefore);
        var standard = await Store.PortfolioPageAsync(query with { Tier = "standard", Sort = PortfolioSort.Name }, staleBefore);

        Assert.Equal(["payments", "orders"], first.Services.Select(service => service.Name));
        Assert.Equal(["search"], second.Services.Select(service => service.Name));
        var payments = first.Services[0];
        Assert.Equal((HistoryScans.Commit('b'), fixedUp.Time, fixedUp.Scores.Overall.Value, P0Failures(fixedUp)),
            (payments.Latest!.Commit, payments.Latest.ScannedAt, payments.Latest.Overall, payments.Latest.P0Failures));
        Assert.Equal([HistoryScans.Sample.Scores.Overall.Value, fixedUp.Scores.Overall.Value], payments.Trend);
        Assert.Equal(P0Failures(HistoryScans.Sample), first.Services[1].Latest!.P0Failures);
        Assert.Equal(3, first.Totals.Services);
        Assert.Equal(
            new[] { fixedUp, HistoryScans.Sample, HistoryScans.Sample }.GroupBy(scan => scan.Scores.Level.ToId()).ToDictionary(level => level.Key, level => level.Count()),
            first.Totals.ByLevel);
        Assert.Equal((0, 1), (first.Totals.NeverScanned, first.Totals.Stale));   // search, scanned at +10 minutes
        Assert.Equal((3, 1), (second.Totals.Services, second.Totals.Stale));
        Assert.Equal(first.Totals.ByLevel, second.Totals.ByLevel);
        Assert.Equal(["payments", "orders"], teamA.Services.Select(service => service.Name));   // fewer P0 failures first
        Assert.Equal((2, 0), (teamA.Totals.Services, teamA.Totals.Stale));
        Assert.Equal(["search", "orders"], standard.Services.Select(service => service.Name));   // name, descending
        Assert.Equal(["team-a", "team-b"], await Store.OwnersAsync());
    }

    [Fact]
    public async Task AServiceFailsAControlSinceTheFirstScanOfItsLatestRunOfFailures()
    {
        Assessment At(char commit, int minutes, ResultStatus status) => Status(HistoryScans.At(HistoryScans.Commit(commit), minutes), NodeControl, status);
        await IngestAsync(Store, "payments", "team-a", ServiceTier.Critical, At('a', 0, ResultStatus.Fail), At('b', 10, ResultStatus.Pass), At('c', 20, ResultStatus.Fail), At('d', 30, ResultStatus.Fail));
        await IngestAsync(Store, "orders", "team-a", ServiceTier.Standard, At('a', 0, ResultStatus.Fail), At('b', 5, ResultStatus.Fail));
        await IngestAsync(Store, "search", "team-b", ServiceTier.Standard, At('a', 0, ResultStatus.Fail), At('b', 5, ResultStatus.Pass));

        var failing = await Store.FailingSinceAsync(NodeControl);

        Assert.Equal([new ControlFailure("orders", Start), new ControlFailure("payments", Start.AddMinutes(20))], failing.OrderBy(failure => failure.Service, StringComparer.Ordinal));
        Assert.Empty(await Store.FailingSinceAsync("no.such-control"));
    }
}
