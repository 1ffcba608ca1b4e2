using ProdReady.History;
using ProdReady.Model;
using ProdReady.Reporting;
using ProdReady.Reporting.StatusDocuments;

namespace ProdReady.Tests.Reporting;

/// <summary>Stable views of the samples for the status document tests: fixed time, commit, version and history.</summary>
public static class StatusDocumentViews
{
    public static readonly DateOnly Today = new(2026, 11, 22);

    public static readonly string[] SampleNames = ["node-express-api", "python-fastapi", "aspnet-api", "go-hardened"];

    /// <summary>
    /// The sample as scanned, with its first failing control waived and an earlier recorded scan in which its first
    /// passing control still failed: every part of the document has something to show.
    /// </summary>
    public static ReadinessView Sample(string sample)
    {
        var scanned = Stable(Scans.Sample(sample));
        var failing = scanned.Results.FirstOrDefault(result => result.Status == ResultStatus.Fail);
        var assessment = failing is null ? scanned : Scans.Waive(scanned, failing.Control.Id, new DateOnly(2027, 3, 31), "alice@example.com", "accepted until the platform migration ends");
        var passing = assessment.Results.First(result => result.Status == ResultStatus.Pass);
        var earlier = assessment with
        {
            Time = assessment.Time.AddDays(-7),
            Commit = "1111111aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            Results = [.. assessment.Results.Select(result => result == passing ? result with { Status = ResultStatus.Fail } : result)],
        };
        return ReadinessView.Build(assessment, [ScanSnapshot.From(earlier, "scan 1", 1)]);
    }

    public static Assessment Stable(Assessment assessment) => assessment with
    {
        Time = new DateTimeOffset(2026, 11, 22, 9, 30, 0, TimeSpan.Zero),
        Commit = "0123456789abcdef0123456789abcdef01234567",
        Branch = "main",
        ToolVersion = "1.2.3-test",
    };

    public static StatusDocumentOptions Options(DateOnly? date = null) => new() { Date = date ?? Today, LinkBase = "../" };
}
