using ProdReady.Model;
using ProdReady.Policy;
using ProdReady.Scoring;
using ProdReady.Tests.Support;

namespace ProdReady.Tests.Policy;

/// <summary>The gate's rules on assessments with known statuses: tiers, minimums, expiry and the baseline ratchet.</summary>
public class GateTests
{
    private static readonly DateOnly Today = new(2026, 11, 22);

    private static ControlResult Result(string id, Priority priority, ResultStatus status, string category = Category.Security) => new()
    {
        Control = Rules.Control(Rules.Detector("file: { glob: x }"), id, priority) with { Category = category, Title = $"title of {id}" },
        Status = status,
        Reason = $"reason of {id}",
    };

    private static Assessment AssessmentOf(params ControlResult[] results) => new()
    {
        Target = "repo",
        Time = DateTimeOffset.UnixEpoch,
        ToolVersion = "test",
        Stack = new DetectedStack(),
        Results = results,
        Scores = ScoreCalculator.Compute(results),
        Statistics = new ScanStatistics(),
    };

    private static PolicyFile Tier(ServiceTier tier, PolicyRules? rules = null) =>
        new() { Source = "prodready.yml", Service = new ServiceInfo { Tier = tier }, Rules = rules ?? new PolicyRules() };

    /// <summary>All P0 pass, a P1 fails: score 10×4 / (10×4 + 6) = 87.0, level ready.</summary>
    private static readonly Assessment P1Fails = AssessmentOf(
        Result("sec.a", Priority.P0, ResultStatus.Pass),
        Result("sec.b", Priority.P0, ResultStatus.Pass),
        Result("rel.c", Priority.P0, ResultStatus.Pass, Category.Reliability),
        Result("rel.d", Priority.P0, ResultStatus.Pass, Category.Reliability),
        Result("sec.e", Priority.P1, ResultStatus.Fail));

    [Fact]
    public void ACriticalServiceMustPassP1WhereAStandardOneNeedNot()
    {
        var critical = Gate.Evaluate(P1Fails, Tier(ServiceTier.Critical), Today);
        var standard = Gate.Evaluate(P1Fails, Tier(ServiceTier.Standard), Today);

        var reason = Assert.Single(critical.Failures);
        Assert.Equal(("P0 and P1 must pass (tier critical)", "sec.e (P1) fails: title of sec.e", "sec.e", "reason of sec.e"),
            (reason.Rule, reason.Message, reason.ControlId, reason.Detail));
        Assert.True(standard.Passed);
    }

    [Fact]
    public void AnExperimentalServiceNeedsOnlyItsP0AndNoLevel()
    {
        var assessment = AssessmentOf(Result("sec.a", Priority.P0, ResultStatus.Pass), Result("sec.b", Priority.P1, ResultStatus.Fail), Result("sec.c", Priority.P1, ResultStatus.Fail), Result("sec.d", Priority.P2, ResultStatus.Fail));
        Assert.Equal(ReadinessLevel.NotReady, assessment.Scores.Level);   // 10 / 25 = 40

        var experimental = Gate.Evaluate(assessment, Tier(ServiceTier.Experimental), Today);
        var standard = Gate.Evaluate(assessment, Tier(ServiceTier.Standard), Today);

        Assert.True(experimental.Passed);
        Assert.Equal("level developing or better (tier standard)", Assert.Single(standard.Failures).Rule);
    }

    [Fact]
    public void UnknownAndPartialDoNotPassAMustPassPriority()
    {
        var assessment = AssessmentOf(Result("sec.a", Priority.P0, ResultStatus.Unknown), Result("sec.b", Priority.P0, ResultStatus.Partial), Result("sec.c", Priority.P0, ResultStatus.Pass));

        var verdict = Gate.Evaluate(assessment, Tier(ServiceTier.Experimental), Today);

        Assert.Equal(["sec.a (P0) is not assessed: title of sec.a", "sec.b (P0) is only partly met: title of sec.b"], verdict.Failures.Select(f => f.Message));
    }

    [Fact]
    public void WaivedAndNotApplicableCountAsPassed()
    {
        var assessment = AssessmentOf(Result("sec.a", Priority.P0, ResultStatus.Waived), Result("sec.b", Priority.P1, ResultStatus.NotApplicable), Result("sec.c", Priority.P1, ResultStatus.Pass));

        Assert.True(Gate.Evaluate(assessment, Tier(ServiceTier.Critical), Today).Passed);
    }

    [Fact]
    public void MustPassAndLevelInTheFileReplaceTheTiers()
    {
        var rules = new PolicyRules { MustPass = [Priority.P0, Priority.P1, Priority.P2], Level = ReadinessLevel.Hardened };

        var verdict = Gate.Evaluate(P1Fails, Tier(ServiceTier.Experimental, rules), Today);

        Assert.Equal(
            [("P0 and P1 and P2 must pass (prodready.yml policy.must-pass)", "sec.e (P1) fails: title of sec.e"), ("level hardened or better (prodready.yml policy.level)", "level is ready: overall score 87 (bands: developing from 50, ready from 75, hardened from 90); no P0 control failing")],
            verdict.Failures.Select(f => (f.Rule, f.Message)));
    }

    [Fact]
    public void MinimumScoresOverallAndPerCategory()
    {
        var rules = new PolicyRules { MinScore = 90, CategoryMinimums = new Dictionary<string, double> { [Category.Security] = 80, [Category.Reliability] = 100 } };

        var verdict = Gate.Evaluate(P1Fails, Tier(ServiceTier.Standard, rules), Today);

        Assert.Equal(["overall score 87.0 is below 90", "security score 76.9 is below 80"], verdict.Failures.Select(f => f.Message));
        Assert.Equal("overall ≥ 90 (prodready.yml policy.min-score)", verdict.Failures[0].Rule);
    }

    [Fact]
    public void AnExpiredWaiverFailsTheGateWhateverThePriority()
    {
        using var repo = PolicyRepo.Create("""
            service: { tier: experimental }
            controls:
              sec.hsts:
                waive: { reason: TLS ends at the load balancer, owner: ops, until: 2026-11-01 }
            """);
        var (assessment, loaded) = PolicyRepo.Assess(repo, Today);
        Assert.Equal(Priority.P2, assessment.Result("sec.hsts").Control.Priority);

        var verdict = Gate.Evaluate(assessment, loaded.Policy, Today);

        var expired = Assert.Single(verdict.Failures, f => f.ControlId == "sec.hsts");
        Assert.Equal("waivers and attestations expire (prodready.yml:4)", expired.Rule);
        Assert.StartsWith("sec.hsts (P2): waiver expired on 2026-11-01 (ops: TLS ends at the load balancer)", expired.Message);
    }

    [Fact]
    public void NotesSayWhichWaiversAreNotNeededAndWhichEndSoon()
    {
        using var repo = PolicyRepo.Create("""
            controls:
              del.lockfile:
                waive: { reason: r, owner: o, until: 2027-06-01 }
              sec.rate-limiting:
                waive: { reason: r, owner: o, until: 2026-11-30 }
              ops.restore-drill:
                attest: { status: pass, by: b, date: 2026-06-01, evidence: e, expires: 2026-12-01 }
            """, ("package-lock.json", "{}"));
        var (assessment, loaded) = PolicyRepo.Assess(repo, Today);

        var notes = Gate.Evaluate(assessment, loaded.Policy, Today).Notes;

        Assert.Equal([
            "del.lockfile: the waiver (prodready.yml:3) is not needed any more; remove it",
            "sec.rate-limiting: the waiver (prodready.yml:5) ends on 2026-11-30, in 8 days",
            "ops.restore-drill: the attestation (prodready.yml:7) expires on 2026-12-01, in 9 days",
        ], notes);
    }

    [Fact]
    public void TheBaselineToleratesKnownGapsAndFailsOnWhatGotWorse()
    {
        var before = AssessmentOf(
            Result("sec.a", Priority.P0, ResultStatus.Fail),
            Result("sec.b", Priority.P0, ResultStatus.Partial),
            Result("sec.c", Priority.P0, ResultStatus.Pass),
            Result("sec.d", Priority.P1, ResultStatus.Pass));
        var baseline = Baseline.Parse(Baseline.From(before).ToJson(), "baseline.json").Baseline!;

        var same = Gate.Evaluate(before, Tier(ServiceTier.Critical), Today, baseline);
        Assert.True(same.Passed);
        Assert.Equal(["sec.a", "sec.b", null], same.Tolerated.Select(t => t.ControlId));   // two controls and the level

        var worse = AssessmentOf(
            Result("sec.a", Priority.P0, ResultStatus.Fail),
            Result("sec.b", Priority.P0, ResultStatus.Fail),      // partial → fail
            Result("sec.c", Priority.P0, ResultStatus.Pass),
            Result("sec.d", Priority.P1, ResultStatus.Partial),   // pass → partial
            Result("sec.new", Priority.P0, ResultStatus.Fail));   // not in the baseline: held to nothing
        var verdict = Gate.Evaluate(worse, Tier(ServiceTier.Critical), Today, baseline);
        Assert.Equal(["sec.b", "sec.d"], verdict.Failures.Where(f => f.ControlId is not null).Select(f => f.ControlId));
        Assert.Contains(verdict.Tolerated, t => t.ControlId == "sec.new");
    }

    [Fact]
    public void WithABaselineAScoreFailsOnlyWhenItDropped()
    {
        var rules = new PolicyRules { MinScore = 95 };
        var baseline = Baseline.From(P1Fails);
        var better = AssessmentOf([.. P1Fails.Results.SkipLast(1), Result("sec.e", Priority.P1, ResultStatus.Partial)]);
        var dropped = AssessmentOf([.. P1Fails.Results.Skip(1), Result("sec.a", Priority.P0, ResultStatus.Partial)]);

        Assert.True(Gate.Evaluate(better, Tier(ServiceTier.Standard, rules), Today, baseline).Passed);
        var verdict = Gate.Evaluate(dropped, Tier(ServiceTier.Standard, rules), Today, baseline);
        Assert.Contains(verdict.Failures, f => f.Message.StartsWith("overall score", StringComparison.Ordinal));
    }

    [Fact]
    public void ABaselineRoundTripsSortedAndWithoutATimestamp()
    {
        var json = Baseline.From(P1Fails).ToJson();

        Assert.Equal("""
            {
              "schemaVersion": "1.0",
              "kind": "prodready-baseline",
              "commit": null,
              "overall": 87,
              "level": "ready",
              "categories": {
                "reliability": 100,
                "security": 76.9
              },
              "controls": {
                "rel.c": "pass",
                "rel.d": "pass",
                "sec.a": "pass",
                "sec.b": "pass",
                "sec.e": "fail"
              }
            }

            """.ReplaceLineEndings("\n"), json);
        var parsed = Baseline.Parse(json, "b.json").Baseline!;
        Assert.Equal(ResultStatus.Fail, parsed.Controls["sec.e"]);
        Assert.Equal(76.9, parsed.Categories["security"]);
    }

    [Theory]
    [InlineData("{ \"controls\": {} }", "b.json: not a ProdReady baseline")]
    [InlineData("{ \"kind\": \"prodready-baseline\", \"controls\": { \"sec.a\": \"great\" } }", "b.json: not a valid ProdReady baseline: control sec.a has unknown status")]
    [InlineData("{ \"kind\": \"prodready-baseline\",\n  \"controls\": [", "b.json:2: not a valid ProdReady baseline")]
    [InlineData("[]", "b.json: not a ProdReady baseline")]
    public void ABrokenBaselineIsAMessageNamingTheFile(string text, string message)
    {
        var (baseline, error) = Baseline.Parse(text, "b.json");

        Assert.Null(baseline);
        Assert.StartsWith(message, error);
    }
}
