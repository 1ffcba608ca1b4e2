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
    /// <summary>Each matching service with the id of its latest assessment (by scan time; ties: the later stored), kept at ingest.</summary>
    private const string LatestPerService = """
        latest AS (
            SELECT s.id, s.name, s.owner, s.tier, s.repo, s.latest_assessment_id AS assessment_id
            FROM services s
            WHERE (@name IS NULL OR s.name = @name) AND (@owner IS NULL OR s.owner = @owner) AND (@tier IS NULL OR s.tier = @tier))
        """;

    /// <summary>One page of the portfolio and the totals of all services it selects; services scanned before <paramref name="staleBefore"/> count as stale.</summary>
    public async Task<PortfolioPage> PortfolioPageAsync(PortfolioQuery query, DateTimeOffset staleBefore, int trendPoints = 12, CancellationToken cancel = default)
    {
        await using var connection = await _dialect.OpenAsync(_connectionString, cancel);
        var services = await PageOfServicesAsync(connection, null, query, trendPoints, cancel);
        var levels = (await connection.QueryAsync<LevelCount>(Command(null, cancel, $"""
            WITH {LatestPerService}
            SELECT a.level AS Level, COUNT(*) AS Services, SUM(CASE WHEN a.scanned_at < @staleBefore THEN 1 ELSE 0 END) AS Stale
            FROM latest l LEFT JOIN assessments a ON a.id = l.assessment_id
            GROUP BY a.level
            """, new { name = (string?)null, owner = query.Owner, tier = query.Tier, staleBefore = _dialect.Time(staleBefore) }))).ToList();
        var totals = new PortfolioTotals(
            (int)levels.Sum(level => level.Services),
            levels.Where(level => level.Level is not null).ToDictionary(level => level.Level!, level => (int)level.Services, StringComparer.Ordinal),
            (int)levels.Where(level => level.Level is null).Sum(level => level.Services),
            (int)levels.Sum(level => level.Stale ?? 0));
        return new PortfolioPage(services, totals);
    }

    /// <summary>
    /// The services of one page (or the one named <paramref name="name"/>) with their latest assessment, its P0
    /// failures and their last <paramref name="trendPoints"/> overall scores, oldest first.
    /// </summary>
    private async Task<IReadOnlyList<ServiceSummary>> PageOfServicesAsync(DbConnection connection, string? name, PortfolioQuery query, int trendPoints, CancellationToken cancel)
    {
        var (sortKey, missing) = SortKey(query.Sort);
        var rows = (await connection.QueryAsync<ServiceRow>(Command(null, cancel, $"""
            WITH {LatestPerService}
            SELECT l.id AS Id, l.name AS Name, l.owner AS Owner, l.tier AS Tier, l.repo AS Repo,
                   a.id AS AssessmentId, a.commit_sha AS CommitSha, a.scanned_at AS ScannedAt, a.overall AS Overall, a.level AS Level,
                   a.p0_failures AS P0Failures
            FROM latest l LEFT JOIN assessments a ON a.id = l.assessment_id
            ORDER BY CASE WHEN {missing} THEN 1 ELSE 0 END, {sortKey} {(query.Descending ? "DESC" : "ASC")}, l.name
            LIMIT @limit OFFSET @offset
            """, new { name, owner = query.Owner, tier = query.Tier, limit = query.PageSize, offset = (long)(query.Page - 1) * query.PageSize }))).ToList();
        var serviceIds = rows.Select(row => row.Id).ToList();
        var trends = (await connection.QueryAsync<TrendRow>(Command(null, cancel, $"""
            SELECT r.service_id AS ServiceId, r.overall AS Overall
            FROM (SELECT service_id, overall, ROW_NUMBER() OVER (PARTITION BY service_id ORDER BY scanned_at DESC, id DESC) AS position
                  FROM assessments WHERE {OneOf("service_id", "@serviceIds")}) r
            WHERE r.position <= @trendPoints
            ORDER BY r.service_id, r.position DESC
            """, new { serviceIds, trendPoints }))).ToLookup(point => point.ServiceId, point => point.Overall);
        return [.. rows.Select(row => new ServiceSummary(
            row.Id, row.Name, row.Owner, row.Tier, row.Repo,
            row.AssessmentId is { } id ? new LatestAssessment(id, Commit(row.CommitSha), Time(row.ScannedAt), row.Overall, row.Level!, (int)row.P0Failures) : null,
            [.. trends[row.Id]]))];
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
        PortfolioSort.Owner => ("l.owner", "l.owner IS NULL"),
        PortfolioSort.Tier => ("CASE l.tier WHEN 'critical' THEN 0 WHEN 'standard' THEN 1 ELSE 2 END", "0 = 1"),
        PortfolioSort.Level => ("CASE a.level WHEN 'not-ready' THEN 0 WHEN 'developing' THEN 1 WHEN 'ready' THEN 2 WHEN 'hardened' THEN 3 END", "a.id IS NULL"),
        PortfolioSort.Score => ("a.overall", "a.overall IS NULL"),
        PortfolioSort.P0 => ("a.p0_failures", "a.id IS NULL"),
        PortfolioSort.LastScan => ("a.scanned_at", "a.id IS NULL"),
        _ => ("l.name", "0 = 1"),
    };

    /// <summary>
    /// <paramref name="column"/> is one of the list <paramref name="parameter"/>: Dapper expands `IN @list` into one
    /// parameter per item, except for Npgsql, to which it passes the list as one array (which `= ANY` takes).
    /// </summary>
    private string OneOf(string column, string parameter) =>
        _dialect is PostgresDialect ? $"{column} = ANY({parameter})" : $"{column} IN {parameter}";

    private sealed class LevelCount
    {
        public string? Level { get; init; }
        public long Services { get; init; }
        public long? Stale { get; init; }
    }
}
