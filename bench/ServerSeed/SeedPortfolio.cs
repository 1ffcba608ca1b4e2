using System.Security.Cryptography;
using System.Text;
using ProdReady.Model;
using ProdReady.Reporting;
using ProdReady.Scoring;

namespace ProdReady.Bench.ServerSeed;

/// <summary>
/// A made-up portfolio from real scans: service i starts from the scan of sample i mod 4, with its own owner and
/// tier, and each of its assessments moves some controls between pass and fail (more fixed than broken over time),
/// scored again as a scan would, with its own commit and a scan a day after the previous one. Deterministic.
/// </summary>
internal sealed class SeedPortfolio(IReadOnlyList<Assessment> samples, int assessmentsPerService)
{
    private static readonly ServiceTier[] Tiers = [ServiceTier.Critical, ServiceTier.Standard, ServiceTier.Standard, ServiceTier.Experimental];
    private static readonly DateTimeOffset FirstScan = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static string ServiceName(int service) => $"svc-{service:D4}";

    /// <summary>The assessment documents of one service, oldest scan first.</summary>
    public IEnumerable<string> Documents(int service)
    {
        var random = new Random(service);
        var info = new ServiceInfo { Name = ServiceName(service), Owner = $"team-{service % 97:D2}", Tier = Tiers[service % Tiers.Length] };
        // Evidence and the catalog's remediation texts are most of a document's size (~300 KB); without them
        // 100,000 documents take a few GB and seed in minutes. Pushes measured over HTTP are whole documents.
        var results = samples[service % samples.Count].Results
            .Select(result => result with
            {
                Status = Flip(result.Status, random, 0.1, 0.1),
                Evidence = [],
                LookedFor = [],
                Control = result.Control with { Remediation = "", References = [] },
            })
            .ToArray();
        for (var scan = 0; scan < assessmentsPerService; scan++)
        {
            var fixing = 0.3 * scan / assessmentsPerService;
            results = [.. results.Select(result => result with { Status = Flip(result.Status, random, fixing, 0.03) })];
            var assessment = samples[service % samples.Count] with
            {
                Service = info,
                Commit = Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes($"{info.Name}/{scan}"))),
                Time = FirstScan.AddDays(scan).AddSeconds(service),
                Results = results,
                Scores = ScoreCalculator.Compute(results),
            };
            yield return JsonReport.ToJson(assessment);
        }
    }

    private static ResultStatus Flip(ResultStatus status, Random random, double fix, double breakage) => status switch
    {
        ResultStatus.Fail when random.NextDouble() < fix => ResultStatus.Pass,
        ResultStatus.Pass when random.NextDouble() < breakage => ResultStatus.Fail,
        _ => status,
    };
}
