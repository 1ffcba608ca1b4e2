using ProdReady.History;

namespace ProdReady.Server.Store;

/// <summary>A service's most recent assessment (by scan time), as the portfolio shows it.</summary>
public sealed record LatestAssessment(long Id, string? Commit, DateTimeOffset ScannedAt, double? Overall, string Level, int P0Failures);

/// <summary>A service in the portfolio: its latest assessment (null before the first) and its last overall scores, oldest first.</summary>
public sealed record ServiceSummary(long Id, string Name, string? Owner, string Tier, string? Repo, LatestAssessment? Latest, IReadOnlyList<double?> Trend)
{
    /// <summary>No scan for longer than <paramref name="staleAfter"/> before <paramref name="now"/> (a service never scanned is not stale: it is new).</summary>
    public bool IsStaleAt(DateTimeOffset now, TimeSpan staleAfter) => Latest is { } latest && now - latest.ScannedAt > staleAfter;
}

/// <summary>One stored assessment of a service, with its category scores.</summary>
public sealed record AssessmentRecord(
    long Id, string? Commit, DateTimeOffset ScannedAt, DateTimeOffset ReceivedAt, double? Overall, string Level, IReadOnlyList<CategorySnapshot> Scores);

/// <summary>Where a service's latest assessment stands on one control.</summary>
public sealed record ControlStanding(string Service, string? Owner, string Tier, long AssessmentId, DateTimeOffset ScannedAt, string Priority, string Status)
{
    public bool Fails => Status == "fail";
}
