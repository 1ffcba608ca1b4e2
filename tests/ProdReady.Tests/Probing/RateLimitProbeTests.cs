using System.Diagnostics;
using ProdReady.Probing;
using ProdReady.Probing.Probes;
using ProdReady.TestTarget;
using static ProdReady.Tests.Probing.ProbeTestSupport;

namespace ProdReady.Tests.Probing;

/// <summary>
/// The target's limiter allows 10 requests a minute over every path; the run's root request and two soft-404 paths
/// come first, so the burst gets 7 answers before its first 429.
/// </summary>
public class RateLimitProbeTests
{
    private const int RunRequestsBeforeBurst = 3;
    private static readonly ProbeOptions Burst = new() { AllowBurst = true };

    [Fact]
    public async Task WithoutAllowBurstNothingIsSentAndTheFindingSaysWhy()
    {
        var report = await Probe(new TargetBehaviour { RateLimit = RateLimitStyle.RetryAfter }, new RateLimitProbe());

        var finding = Single(report, "rate-limit");
        Assert.Equal((ProbeVerdict.Inconclusive, "not run: sending a burst of requests needs --allow-burst"), (finding.Verdict, finding.Message));
        Assert.Equal(RunRequestsBeforeBurst, report.RequestsSent);
    }

    [Fact]
    public async Task A429WithRetryAfterPassesAndTheBurstStopsThere()
    {
        var report = await Probe(new TargetBehaviour { RateLimit = RateLimitStyle.RetryAfter }, new RateLimitProbe(), Burst);

        var finding = Single(report, "rate-limit");
        Assert.Equal((ProbeVerdict.Pass, "limited after 7 requests: 429 with Retry-After: 10"), (finding.Verdict, finding.Message));
        Assert.Equal("Retry-After: 10", finding.Excerpt);
        Assert.StartsWith("GET / → 429", finding.Exchanges[0].Summary);
        // 7 accepted, the first 429, and at most the 4 others already in flight when it came.
        Assert.InRange(report.RequestsSent, RunRequestsBeforeBurst + 8, RunRequestsBeforeBurst + 8 + ProbeClient.BurstConcurrency - 1);
    }

    [Fact]
    public async Task RateLimitHeadersInsteadOfRetryAfterAlsoPass()
    {
        var report = await Probe(new TargetBehaviour { RateLimit = RateLimitStyle.RateLimitHeaders }, new RateLimitProbe(), Burst);

        var finding = Single(report, "rate-limit");
        Assert.Equal((ProbeVerdict.Pass, "limited after 7 requests: 429 with RateLimit: limit=10, remaining=0, reset=60"), (finding.Verdict, finding.Message));
        Assert.Equal("RateLimit: limit=10, remaining=0, reset=60; RateLimit-Policy: 10;w=60", finding.Excerpt);
    }

    [Fact]
    public async Task ABare429WarnsThatClientsCannotBackOff()
    {
        var report = await Probe(new TargetBehaviour { RateLimit = RateLimitStyle.Bare }, new RateLimitProbe(), Burst);

        var finding = Single(report, "rate-limit");
        Assert.Equal((ProbeVerdict.Warn, "limited after 7 requests, but the 429 has no Retry-After or RateLimit headers: clients cannot tell when to back off"),
            (finding.Verdict, finding.Message));
        Assert.Null(finding.Excerpt);
    }

    [Fact]
    public async Task NoLimitInFiftyRequestsIsInconclusiveNeverAFailure()
    {
        var report = await Probe(new TargetBehaviour(), new RateLimitProbe(), Burst);

        var finding = Single(report, "rate-limit");
        Assert.Equal((ProbeVerdict.Inconclusive, "no limit seen in 50 requests; a limit may still exist above that"), (finding.Verdict, finding.Message));
        Assert.Equal(RunRequestsBeforeBurst + RateLimitProbe.MaxRequests, report.RequestsSent);
    }

    [Fact]
    public async Task ASmallerBudgetSendsWhatIsLeftAndSaysSo()
    {
        var report = await Probe(new TargetBehaviour(), new RateLimitProbe(), Burst with { RequestBudget = 20 });

        Assert.Equal("no limit seen in 17 requests (only 17 were left in the run's request budget); a limit may still exist above that", Single(report, "rate-limit").Message);
        Assert.Equal(20, report.RequestsSent);
        Assert.Null(report.StoppedBecause);
    }

    [Fact]
    public async Task ASpentBudgetSendsNothing()
    {
        var report = await Probe(new TargetBehaviour(), new RateLimitProbe(), Burst with { RequestBudget = RunRequestsBeforeBurst });

        Assert.Equal("not run: the request budget is spent", Single(report, "rate-limit").Message);
        Assert.Equal(RunRequestsBeforeBurst, report.RequestsSent);
    }

    [Fact]
    public async Task TheBurstHasFiveRequestsInFlightWhileOtherRequestsKeepTheNormalTwo()
    {
        var burst = new InFlightGauge();
        var normal = new InFlightGauge();
        await using var burstTarget = await TargetApp.Start(new TargetBehaviour { InFlight = burst });
        await using var normalTarget = await TargetApp.Start(new TargetBehaviour { InFlight = normal });
        using var burstClient = new ProbeClient(burstTarget.Url, Burst);
        using var normalClient = new ProbeClient(normalTarget.Url, Burst);

        var sent = await burstClient.Burst(ProbeRequest.Get("/"), 15, _ => false);
        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => normalClient.Send(ProbeRequest.Get("/"))));

        Assert.Equal((15, 15, ProbeClient.BurstConcurrency), (sent.Count, burstClient.Sent, burst.Peak));
        Assert.Equal(new ProbeOptions().Concurrency, normal.Peak);
    }

    [Fact]
    public async Task RetryAfterFromTheBurstDelaysLaterRequestsOnceByTheBoundedWait()
    {
        await using var target = await TargetApp.Start(new TargetBehaviour { RateLimit = RateLimitStyle.RetryAfter });
        var options = Burst with { MaxRetryAfterWait = TimeSpan.FromSeconds(1) };

        var clock = Stopwatch.StartNew();
        var report = await ProbeRunner.Run(target.Url, options, [new RateLimitProbe(), new CorsProbe()]);
        clock.Stop();

        // Retry-After: 10 is waited for 1 s (the bound), once for both CORS requests, not 10 s and not per request.
        Assert.Equal(["rate-limit Pass", "cors.any-origin Pass", "cors.null-origin Pass"], Verdicts(report));
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(4));
    }
}
