using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ProdReady.Model;
using ProdReady.Reporting;
using ProdReady.Scoring;

namespace ProdReady.Bench.ServerSeed;

/// <summary>
/// A made-up portfolio from real scans. For each sample and tier, <see cref="Steps"/> documents follow a service
/// over time: some controls move between pass and fail at each step (more fixed than broken), scored again as a scan
/// would. Service i is a sample, a tier and an owner of its own, and its assessments walk those steps from an offset
/// of its own, each with its own commit and a scan a day after the previous one. The documents are written once and
/// copied with the service, commit and time filled in, so seeding costs what storing costs. Deterministic.
/// </summary>
internal sealed class SeedPortfolio
{
    private const int Steps = 24;
    private const string NameSlot = "@@service@@";
    private const string OwnerSlot = "@@owner@@";
    private const string CommitSlot = "@@commit@@";
    private static readonly DateTimeOffset TimeSlot = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly ServiceTier[] Tiers = [ServiceTier.Critical, ServiceTier.Standard, ServiceTier.Standard, ServiceTier.Experimental];
    private static readonly DateTimeOffset FirstScan = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly Dictionary<(int Sample, ServiceTier Tier), string[]> _documents = [];
    private readonly int _samples;
    private readonly int _assessmentsPerService;

    public SeedPortfolio(IReadOnlyList<Assessment> samples, int assessmentsPerService)
    {
        _samples = samples.Count;
        _assessmentsPerService = assessmentsPerService;
        for (var sample = 0; sample < samples.Count; sample++)
        {
            foreach (var tier in Tiers.Distinct())
            {
                _documents[(sample, tier)] = [.. Walk(samples[sample], tier, new Random(sample))];
            }
        }
    }

    public static string ServiceName(int service) => $"svc-{service:D4}";

    /// <summary>The assessment documents of one service, oldest scan first.</summary>
    public IEnumerable<string> Documents(int service)
    {
        var documents = _documents[(service % _samples, Tiers[service % Tiers.Length])];
        var name = ServiceName(service);
        var owner = $"team-{service % 97:D2}";
        for (var scan = 0; scan < _assessmentsPerService; scan++)
        {
            yield return new StringBuilder(documents[(service / _samples + scan) % Steps])
                .Replace(NameSlot, name)
                .Replace(OwnerSlot, owner)
                .Replace(CommitSlot, Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes($"{name}/{scan}"))))
                .Replace(Format(TimeSlot), Format(FirstScan.AddDays(scan).AddSeconds(service)))
                .ToString();
        }
    }

    private static IEnumerable<string> Walk(Assessment sample, ServiceTier tier, Random random)
    {
        // Evidence and the catalog's remediation texts are most of a document's size (~300 KB); without them
        // 100,000 documents take a few GB and seed in minutes. Pushes measured over HTTP are whole documents.
        var results = sample.Results
            .Select(result => result with
            {
                Status = Flip(result.Status, random, 0.1, 0.1),
                Evidence = [],
                LookedFor = [],
                Control = result.Control with { Remediation = "", References = [] },
            })
            .ToArray();
        for (var step = 0; step < Steps; step++)
        {
            results = [.. results.Select(result => result with { Status = Flip(result.Status, random, 0.3 * step / Steps, 0.03) })];
            yield return JsonReport.ToJson(sample with
            {
                Service = new ServiceInfo { Name = NameSlot, Owner = OwnerSlot, Tier = tier },
                Commit = CommitSlot,
                Time = TimeSlot,
                Results = results,
                Scores = ScoreCalculator.Compute(results),
            });
        }
    }

    private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static ResultStatus Flip(ResultStatus status, Random random, double fix, double breakage) => status switch
    {
        ResultStatus.Fail when random.NextDouble() < fix => ResultStatus.Pass,
        ResultStatus.Pass when random.NextDouble() < breakage => ResultStatus.Fail,
        _ => status,
    };
}
