namespace ProdReady.Server.Store;

/// <summary>The columns the dashboard's portfolio table sorts by.</summary>
public enum PortfolioSort
{
    Name,
    Owner,
    Tier,
    Level,
    Score,
    P0,
    LastScan,
}

/// <summary>One page of the portfolio: services of <see cref="Owner"/> and <see cref="Tier"/> (null: any), sorted, 1-based <see cref="Page"/>.</summary>
public sealed record PortfolioQuery(string? Owner, string? Tier, PortfolioSort Sort, bool Descending, int Page, int PageSize);

/// <summary>
/// The services a <see cref="PortfolioQuery"/> selects, counted: how many, how many at each level (by level id;
/// never-scanned services under no level), and how many have had no scan since the stale limit.
/// </summary>
public sealed record PortfolioTotals(int Services, IReadOnlyDictionary<string, int> ByLevel, int NeverScanned, int Stale);

/// <summary>The rows of one page (with their latest assessment, P0 failures and trend) and the totals of every matching service.</summary>
public sealed record PortfolioPage(IReadOnlyList<ServiceSummary> Services, PortfolioTotals Totals);

/// <summary>Where one service stands on a control, and since when it has failed it (the first of its latest run of failing scans).</summary>
public sealed record ControlFailure(string Service, DateTimeOffset Since);
