using ProdReady.Model;
using ProdReady.Reporting;
using ProdReady.Scoring;
using ProdReady.Server.Store;
using HistoryScans = ProdReady.Tests.History.Scans;

namespace ProdReady.Tests.Server;

/// <summary>Real assessments (the node sample, varied by commit, time and service) as the server's tests push them.</summary>
public static class ServerAssessments
{
    /// <summary>The control the node sample fails at P0 and that the tests flip.</summary>
    public const string NodeControl = "sec.api-auth";

    /// <summary>The sample's JSON as a scan of <paramref name="name"/> at commit aaaa… (<paramref name="commit"/>), <paramref name="minutes"/> after a fixed start.</summary>
    public static string Json(string? name, string? owner, ServiceTier tier, char commit, int minutes = 0) =>
        JsonReport.ToJson(Of(HistoryScans.At(HistoryScans.Commit(commit), minutes), name, owner, tier));

    public static Assessment Of(Assessment scan, string? name, string? owner, ServiceTier tier) =>
        scan with { Service = new ServiceInfo { Name = name, Owner = owner, Tier = tier } };

    /// <summary>Stores each scan as an assessment of <paramref name="name"/>; every one must be new.</summary>
    public static async Task IngestAsync(PortfolioStore store, string name, string? owner, ServiceTier tier, params Assessment[] scans)
    {
        foreach (var scan in scans)
        {
            var result = await store.IngestAsync(JsonReport.ToJson(Of(scan, name, owner, tier)));
            Assert.Equal(IngestOutcome.Stored, result.Outcome);
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
