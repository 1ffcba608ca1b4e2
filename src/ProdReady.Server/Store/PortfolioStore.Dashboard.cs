using System.Data.Common;
using Dapper;

namespace ProdReady.Server.Store;

/// <summary>
/// The dashboard's queries. The portfolio is sorted, filtered and paged in SQL, so a page of a 5,000-service
/// portfolio reads its own rows' details only: each service's latest assessment and its P0 failures are kept at
/// ingest (services.latest_assessment_id, assessments.p0_failures); trends are fetched for the page's rows alone.
/// </summary>
public sealed partial class PortfolioStore
{
    /// <summary>One page of the portfolio and the totals of all services it selects; services scanned before <paramref name="staleBefore"/> count as stale.</summary>
    public async Task<PortfolioPage> PortfolioPageAsync(PortfolioQuery query, DateTimeOffset staleBefore, int trendPoints = 12, CancellationToken cancel = default)
    {
        await using var connection = await _dialect.OpenAsync(_connectionString, cancel);
        var services = await PageOfServicesAsync(connection, query, trendPoints, cancel);
        var levels = (await connection.QueryAsync<LevelCount>(Command(null, cancel, $"""
            SELECT a.level AS Level, COUNT(*) AS Services, SUM(CASE WHEN a.scanned_at < @staleBefore THEN 1 ELSE 0 END) AS Stale
            FROM {ServicesWithLatest}
            GROUP BY a.level
            """, new { name = (string?)null, owner = query.Owner, tier = query.Tier, staleBefore = _dialect.Time(staleBefore) }))).ToList();
        var totals = new PortfolioTotals(
            (int)levels.Sum(level => level.Services),
            levels.Where(level => level.Level is not null).ToDictionary(level => level.Level!, level => (int)level.Services, StringComparer.Ordinal),
            (int)levels.Where(level => level.Level is null).Sum(level => level.Services),
            (int)levels.Sum(level => level.Stale ?? 0));
        return new PortfolioPage(services, totals);
    }

    /// <summary>The services of one page with their latest assessment, its P0 failures and their last <paramref name="trendPoints"/> overall scores.</summary>
    private async Task<IReadOnlyList<ServiceSummary>> PageOfServicesAsync(DbConnection connection, PortfolioQuery query, int trendPoints, CancellationToken cancel)
    {
        var (sortKey, missing) = SortKey(query.Sort);
        var rows = (await connection.QueryAsync<ServiceRow>(Command(null, cancel, $"""
            SELECT {SummaryColumns}
            FROM {ServicesWithLatest}
            ORDER BY CASE WHEN {missing} THEN 1 ELSE 0 END, {sortKey} {(query.Descending ? "DESC" : "ASC")}, s.name
            LIMIT @limit OFFSET @offset
            """, new { name = (string?)null, owner = query.Owner, tier = query.Tier, limit = query.PageSize, offset = (long)(query.Page - 1) * query.PageSize }))).ToList();
        var serviceIds = rows.Select(row => row.Id).ToList();
        return await WithTrendsAsync(connection, rows, _dialect.InList("@serviceIds"), new { serviceIds, trendPoints }, cancel);
    }

    /// <summary>
    /// The id of the newest stored assessment, 0 before the first: it changes with every ingest that changes the
    /// portfolio (services are only added and updated with an assessment), so it versions views of the portfolio.
    /// </summary>
    public async Task<long> LatestAssessmentIdAsync(CancellationToken cancel = default)
    {
        await using var connection = await _dialect.OpenAsync(_connectionString, cancel);
        return await connection.ExecuteScalarAsync<long>(Command(null, cancel, "SELECT COALESCE(MAX(id), 0) FROM assessments"));
    }

    /// <summary>Every owner some service declares, in order, for the portfolio's owner filter.</summary>
    public async Task<IReadOnlyList<string>> OwnersAsync(CancellationToken cancel = default)
    {
        await using var connection = await _dialect.OpenAsync(_connectionString, cancel);
        return [.. await connection.QueryAsync<string>(Command(null, cancel, "SELECT DISTINCT owner FROM services WHERE owner IS NOT NULL ORDER BY owner"))];
    }

    /// <summary>
    /// For each service whose latest assessment fails <paramref name="controlId"/>: the scan time of the first
    /// assessment of its latest run of failing ones (failing scans after its last scan that did not fail the control).
    /// Two passes over the control's rows, whatever the number of services and scans.
    /// </summary>
    public async Task<IReadOnlyList<ControlFailure>> FailingSinceAsync(string controlId, CancellationToken cancel = default)
    {
        await using var connection = await _dialect.OpenAsync(_connectionString, cancel);
        var rows = await connection.QueryAsync<(string Service, object Since)>(Command(null, cancel, """
            WITH passed AS (
                SELECT a.service_id, MAX(a.scanned_at) AS scanned_at
                FROM assessment_controls c JOIN assessments a ON a.id = c.assessment_id
                WHERE c.control_id = @controlId AND c.status <> 'fail'
                GROUP BY a.service_id)
            SELECT s.name, MIN(a.scanned_at)
            FROM assessment_controls c
            JOIN assessments a ON a.id = c.assessment_id
            JOIN services s ON s.id = a.service_id
            LEFT JOIN passed p ON p.service_id = a.service_id
            WHERE c.control_id = @controlId AND c.status = 'fail' AND (p.scanned_at IS NULL OR a.scanned_at > p.scanned_at)
            GROUP BY s.name
            """, new { controlId }));
        return [.. rows.Select(row => new ControlFailure(row.Service, Time(row.Since)))];
    }

    /// <summary>
    /// The SQL a sort column orders by, and when a service has no value for it (listed last in either direction). The
    /// only text of a query that comes from a request, picked from this list.
    /// </summary>
    private static (string Key, string Missing) SortKey(PortfolioSort sort) => sort switch
    {
        PortfolioSort.Owner => ("s.owner", "s.owner IS NULL"),
        PortfolioSort.Tier => ("CASE s.tier WHEN 'critical' THEN 0 WHEN 'standard' THEN 1 ELSE 2 END", "0 = 1"),
        PortfolioSort.Level => ("CASE a.level WHEN 'not-ready' THEN 0 WHEN 'developing' THEN 1 WHEN 'ready' THEN 2 WHEN 'hardened' THEN 3 END", "a.id IS NULL"),
        PortfolioSort.Score => ("a.overall", "a.overall IS NULL"),
        PortfolioSort.P0 => ("a.p0_failures", "a.id IS NULL"),
        PortfolioSort.LastScan => ("a.scanned_at", "a.id IS NULL"),
        _ => ("s.name", "0 = 1"),
    };

    private sealed class LevelCount
    {
        public string? Level { get; init; }
        public long Services { get; init; }
        public long? Stale { get; init; }
    }
}
