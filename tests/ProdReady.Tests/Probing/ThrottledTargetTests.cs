using ProdReady.Probing;
using ProdReady.TestTarget;

namespace ProdReady.Tests.Probing;

/// <summary>A service whose limiter throttles the probe itself: the run stops and says so, and nothing is failed for it.</summary>
public class ThrottledTargetTests
{
    [Fact]
    public async Task RepeatedTooManyRequestsStopTheRunAndLeaveHealthInconclusive()
    {
        // 10 requests a minute for everything; the first ten find no health endpoint, then every answer is 429.
        await using var target = await TargetApp.Start(new TargetBehaviour { Health = HealthStyle.None, RateLimit = RateLimitStyle.RetryAfter });

        var report = await ProbeRunner.Run(target.Url, new ProbeOptions { MaxRetryAfterWait = TimeSpan.FromMilliseconds(50) });

        Assert.Equal("the service answered 429 (rate limited) 3 times in a row, so the probe stopped; later checks were not sent", report.StoppedBecause);
        Assert.Equal(13, report.RequestsSent);
        Assert.Equal(
            ["health.liveness Inconclusive: could not look for a liveness endpoint: /health → 429", "health.readiness Inconclusive: could not look for a readiness endpoint: /readyz → 429"],
            report.Findings.Where(f => f.ProbeId.StartsWith("health.", StringComparison.Ordinal)).Select(f => $"{f.ProbeId} {f.Verdict}: {f.Message}"));
        // The limit the probe ran into is itself the evidence of rate limiting: no burst needed.
        Assert.Equal("rate-limit Pass: limited the probe's ordinary requests (two at a time): 429 with Retry-After: 10",
            report.Findings.Where(f => f.ProbeId == "rate-limit").Select(f => $"{f.ProbeId} {f.Verdict}: {f.Message}").Single());
        // Checks that were never sent blame nothing: the only problems are what the root answer itself showed.
        Assert.Equal(["headers.nosniff Fail", "headers.frame Warn", "headers.referrer Warn"],
            report.Findings.Where(f => f.Verdict is ProbeVerdict.Fail or ProbeVerdict.Warn).Select(f => $"{f.ProbeId} {f.Verdict}"));
    }
}
