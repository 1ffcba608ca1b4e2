using ProdReady.Model;
using ProdReady.Reporting;
using ProdReady.Scoring;
using ProdReady.Server.Store;
using HistoryScans = ProdReady.Tests.History.Scans;

namespace ProdReady.Tests.Server;

/// <summary>Assessment documents as CI pushes them: the node sample's real scan, named, owned and varied by commit and time.</summary>
public static class ServerScans
{
    /// <summary>A P0 control the node sample fails, which tests flip to pass and back.</summary>
    public const string NodeControl = "sec.api-auth";

    public static string Json(string? name, string? owner, ServiceTier tier, char commit, int minutes = 0) =>
        Json(HistoryScans.At(HistoryScans.Commit(commit), minutes), name, owner, tier);

    public static string Json(Assessment scan, string? name, string? owner, ServiceTier tier) =>
        JsonReport.ToJson(scan with { Service = new ServiceInfo { Name = name, Owner = owner, Tier = tier } });

    /// <summary>Stores each scan as an assessment of <paramref name="name"/>; every one must be new.</summary>
    public static async Task IngestAsync(PortfolioStore store, string name, string? owner, ServiceTier tier, params Assessment[] scans)
    {
        foreach (var scan in scans)
        {
            Assert.Equal(IngestOutcome.Stored, (await store.IngestAsync(Json(scan, name, owner, tier))).Outcome);
        }
    }

    /// <summary>The scan with one control's status changed and the scores computed again, as a later scan would find it.</summary>
    public static Assessment Status(Assessment scan, string controlId, ResultStatus status)
    {
        var results = scan.Results.Select(result => result.Control.Id == controlId ? result with { Status = status } : result).ToArray();
        return scan with { Results = results, Scores = ScoreCalculator.Compute(results) };
    }

    public static int P0Failures(Assessment scan) => scan.Results.Count(result => result.Control.Priority == Priority.P0 && result.Status == ResultStatus.Fail);
}
