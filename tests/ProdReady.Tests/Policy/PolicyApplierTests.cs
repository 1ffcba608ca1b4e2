using ProdReady.Model;
using ProdReady.Policy;
using ProdReady.Scoring;

namespace ProdReady.Tests.Policy;

/// <summary>Declarations in prodready.yml change real scan results by the documented rules, as of an injected day.</summary>
public class PolicyApplierTests
{
    private const string RateLimitWaiver = """
        controls:
          sec.rate-limiting:
            waive:
              reason: the API gateway limits requests until the migration
              owner: alice
              until: 2027-03-31
        """;

    [Fact]
    public void AWaiverCountsAsPassingUpToAndIncludingItsDay()
    {
        using var repo = PolicyRepo.Create(RateLimitWaiver);

        var (assessment, _) = PolicyRepo.Assess(repo, new DateOnly(2027, 3, 31));

        var result = assessment.Result("sec.rate-limiting");
        Assert.Equal(ResultStatus.Waived, result.Status);
        Assert.Equal(ResultStatus.Fail, result.ScannedStatus);
        Assert.StartsWith("waived until 2027-03-31 by alice: the API gateway limits requests until the migration (scan: ", result.Reason);
        var evidence = result.Evidence[0];
        Assert.Equal((EvidenceSource.Attestation, "waiver", "prodready.yml", 4, true, new DateOnly(2027, 3, 31)),
            (evidence.Source, evidence.Detector, evidence.File, evidence.Line, evidence.Supports, evidence.Expires));
        var term = assessment.Scores.Overall.Terms.Single(t => t.ControlId == "sec.rate-limiting");
        Assert.Equal(1, term.Credit);
        Assert.Equal(1, assessment.Scores.Categories.Single(s => s.Name == Category.Security).Counts[ResultStatus.Waived]);
    }

    [Fact]
    public void TheDayAfterItsDateAWaiverFailsAndSaysItExpired()
    {
        using var repo = PolicyRepo.Create(RateLimitWaiver);

        var (assessment, _) = PolicyRepo.Assess(repo, new DateOnly(2027, 4, 1));

        var result = assessment.Result("sec.rate-limiting");
        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.StartsWith("waiver expired on 2027-03-31 (alice: the API gateway limits requests until the migration); scan: ", result.Reason);
        Assert.False(result.Evidence[0].Supports);
        Assert.Equal(0, assessment.Scores.Overall.Terms.Single(t => t.ControlId == "sec.rate-limiting").Credit);
    }

    [Fact]
    public void AWaiverOnAPassingControlChangesNothing()
    {
        using var repo = PolicyRepo.Create("""
            controls:
              del.lockfile:
                waive: { reason: r, owner: o, until: 2027-01-01 }
            """, ("package-lock.json", """{ "lockfileVersion": 3 }"""));

        var (assessment, _) = PolicyRepo.Assess(repo, new DateOnly(2026, 11, 22));

        var result = assessment.Result("del.lockfile");
        Assert.Equal(ResultStatus.Pass, result.Status);
        Assert.Null(result.ScannedStatus);
        Assert.Contains("not needed", result.Evidence[0].Message);
    }

    [Theory]
    [InlineData("2026-10-02", ResultStatus.Pass)]   // the day of the drill
    [InlineData("2027-03-31", ResultStatus.Pass)]   // day 180: still valid
    [InlineData("2027-04-01", ResultStatus.Fail)]   // day 181: expired by default
    public void AnAttestationDecidesWhatTheScanCannotSeeUntilItExpires(string today, ResultStatus expected)
    {
        using var repo = PolicyRepo.Create("""
            controls:
              ops.restore-drill:
                attest:
                  status: pass
                  by: bob
                  date: 2026-10-02
                  evidence: https://wiki.example.com/drills/2026-10
            """);

        var (assessment, _) = PolicyRepo.Assess(repo, DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture));

        var result = assessment.Result("ops.restore-drill");
        Assert.Equal(expected, result.Status);
        Assert.Equal(ResultStatus.Unknown, result.ScannedStatus);
        var evidence = result.Evidence[0];
        Assert.Equal(("https://wiki.example.com/drills/2026-10", new DateOnly(2027, 3, 31)), (evidence.Url, evidence.Expires));
        Assert.Equal(expected == ResultStatus.Pass
            ? "attested pass by bob on 2026-10-02, valid until 2027-03-31: https://wiki.example.com/drills/2026-10"
            : "attestation by bob on 2026-10-02 expired on 2027-03-31; attest again: https://wiki.example.com/drills/2026-10", result.Reason);
    }

    [Fact]
    public void AnAttestationDoesNotExcuseWhatTheScanFoundWrong()
    {
        using var repo = PolicyRepo.Create("""
            controls:
              sec.rate-limiting:
                attest: { status: pass, by: bob, date: 2026-11-01, evidence: docs/limits.md }
            """);

        var (assessment, _) = PolicyRepo.Assess(repo, new DateOnly(2026, 11, 22));

        var result = assessment.Result("sec.rate-limiting");
        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Null(result.ScannedStatus);
        Assert.Contains("the scan outweighs the attestation", result.Reason);
        Assert.Equal(EvidenceSource.Attestation, result.Evidence[0].Source);
    }

    [Fact]
    public void NotApplicableLeavesTheScoreAndKeepsWhatTheScanSaid()
    {
        using var repo = PolicyRepo.Create("""
            controls:
              sec.rate-limiting:
                not-applicable: an internal batch endpoint behind the VPN
            """);

        var (assessment, _) = PolicyRepo.Assess(repo, new DateOnly(2026, 11, 22));

        var result = assessment.Result("sec.rate-limiting");
        Assert.Equal((ResultStatus.NotApplicable, ResultStatus.Fail), (result.Status, result.ScannedStatus));
        Assert.Equal("declared not applicable: an internal batch endpoint behind the VPN", result.Reason);
        Assert.DoesNotContain(assessment.Scores.Overall.Terms, term => term.ControlId == "sec.rate-limiting");
    }

    [Fact]
    public void WeightsAreOverriddenOnlyWhereTheFileSaysSo()
    {
        using var repo = PolicyRepo.Create("weights: { P0: 20 }\n");

        var (assessment, _) = PolicyRepo.Assess(repo, new DateOnly(2026, 11, 22));

        Assert.Equal(new Dictionary<Priority, double> { [Priority.P0] = 20, [Priority.P1] = 6, [Priority.P2] = 3, [Priority.P3] = 1 }, assessment.Scores.Weights);
        Assert.All(assessment.Scores.Overall.Terms.Where(term => term.Priority == Priority.P0), term => Assert.Equal(20, term.Weight));
        var expected = ScoreCalculator.Compute(assessment.Results, assessment.Scores.Weights).Overall.Value;
        Assert.Equal(expected, assessment.Scores.Overall.Value);
    }

    [Fact]
    public void IgnoredPathsAreNotScanned()
    {
        const string Secret = "const key = 'AKIA2E0A8F3B244C9986';\n";
        using var withSecret = PolicyRepo.Create("service: { name: orders }\n", ("legacy/keys.js", Secret));
        using var ignored = PolicyRepo.Create("ignore: [\"legacy/**\"]\n", ("legacy/keys.js", Secret));

        var (found, _) = PolicyRepo.Assess(withSecret, new DateOnly(2026, 11, 22));
        var (skipped, _) = PolicyRepo.Assess(ignored, new DateOnly(2026, 11, 22));

        Assert.Contains(found.Result("sec.no-committed-secrets").Evidence, e => e.File == "legacy/keys.js");
        Assert.DoesNotContain(skipped.Result("sec.no-committed-secrets").Evidence, e => e.File == "legacy/keys.js");
    }

    [Fact]
    public void ADeclaredKindReplacesTheDetectedOne()
    {
        using var repo = PolicyRepo.Create("service: { name: orders, owner: shop, tier: critical, kind: worker }\n");

        var (assessment, _) = PolicyRepo.Assess(repo, new DateOnly(2026, 11, 22));

        Assert.Equal([ServiceKind.Worker], assessment.Stack.Kinds);
        Assert.Equal(ResultStatus.NotApplicable, assessment.Result("sec.rate-limiting").Status);   // applies to http-api only
        Assert.Equal(new ServiceInfo { Name = "orders", Owner = "shop", Tier = ServiceTier.Critical, Kind = ServiceKind.Worker }, assessment.Service);
    }
}
