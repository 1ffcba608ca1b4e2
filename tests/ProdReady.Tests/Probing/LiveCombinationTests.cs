using ProdReady.Catalog;
using ProdReady.Model;
using ProdReady.Probing;
using ProdReady.Scoring;

namespace ProdReady.Tests.Probing;

public class LiveCombinationTests
{
    private static readonly Control Banner = CatalogLoader.LoadBuiltIn().Catalog.Find("sec.no-version-banner")!;

    [Theory]
    // The worse of the two when the scan judged the control...
    [InlineData(ResultStatus.Pass, "Fail", ResultStatus.Fail, "live: version banner")]
    [InlineData(ResultStatus.Pass, "Warn", ResultStatus.Partial, "live: version banner")]
    [InlineData(ResultStatus.Pass, "Pass", ResultStatus.Pass, "static reason")]
    [InlineData(ResultStatus.Fail, "Pass", ResultStatus.Fail, "static reason")]
    [InlineData(ResultStatus.Fail, "Fail", ResultStatus.Fail, "live: version banner")]
    [InlineData(ResultStatus.Partial, "Pass Fail", ResultStatus.Fail, "live: version banner")]
    // ...the live verdict when it could not...
    [InlineData(ResultStatus.Unknown, "Pass", ResultStatus.Pass, "live: version banner")]
    [InlineData(ResultStatus.NotApplicable, "Warn Pass", ResultStatus.Partial, "live: version banner")]
    // ...and nothing changes on inconclusive findings.
    [InlineData(ResultStatus.Fail, "Inconclusive", ResultStatus.Fail, "static reason")]
    [InlineData(ResultStatus.Unknown, "Inconclusive", ResultStatus.Unknown, "static reason")]
    public void TheWorseOfStaticAndLiveWinsAndLiveDecidesWhatTheScanCouldNot(ResultStatus scanned, string verdicts, ResultStatus expected, string reasonStart)
    {
        var result = new ControlResult { Control = Banner, Status = scanned, Reason = "static reason" };
        var findings = verdicts.Split(' ').Select(verdict => new ProbeFinding("headers.banner", Enum.Parse<ProbeVerdict>(verdict), $"version banner ({verdict})")).ToArray();

        var combined = LiveCombination.Combine(result, findings);

        Assert.Equal(expected, combined.Status);
        Assert.StartsWith(reasonStart, combined.Reason);
        Assert.Equal(findings.Count(f => f.Verdict != ProbeVerdict.Inconclusive), combined.Evidence.Count(e => e.Source == EvidenceSource.Live));
    }

    [Fact]
    public void LiveEvidenceCarriesTheUrlTheExcerptAndWhichWayItPoints()
    {
        var exchange = new ProbeExchange { Method = "GET", Url = new Uri("http://127.0.0.1:8080/"), Status = System.Net.HttpStatusCode.OK };
        var finding = new ProbeFinding("headers.banner", ProbeVerdict.Fail, "version banner: Server: nginx/1.18.0") { Exchanges = [exchange], Excerpt = "Server: nginx/1.18.0" };

        var evidence = LiveEvidence.ToEvidence(finding)!;

        Assert.Equal((EvidenceSource.Live, "probe:headers.banner", false, "http://127.0.0.1:8080/", "Server: nginx/1.18.0"),
            (evidence.Source, evidence.Detector, evidence.Supports, evidence.Url, evidence.Excerpt));
        Assert.Null(LiveEvidence.ToEvidence(finding with { Verdict = ProbeVerdict.Inconclusive }));
    }
}
