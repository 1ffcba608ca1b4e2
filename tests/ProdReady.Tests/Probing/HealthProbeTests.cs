using ProdReady.Probing;
using ProdReady.Probing.Probes;
using ProdReady.TestTarget;
using static ProdReady.Tests.Probing.ProbeTestSupport;

namespace ProdReady.Tests.Probing;

public class HealthProbeTests
{
    [Fact]
    public async Task SeparateLivenessAndReadinessPass()
    {
        var report = await Probe(new TargetBehaviour { Health = HealthStyle.Split }, new HealthProbe());

        Assert.Equal(["health.liveness Pass", "health.readiness Pass", "health.latency Pass"], Verdicts(report));
        Assert.Equal("liveness endpoint answers at /livez", Single(report, "health.liveness").Message);
        Assert.Equal("readiness endpoint answers at /readyz", Single(report, "health.readiness").Message);
    }

    [Fact]
    public async Task NoHealthEndpointFailsBoth()
    {
        var report = await Probe(new TargetBehaviour { Health = HealthStyle.None }, new HealthProbe());

        Assert.Equal(["health.liveness Fail", "health.readiness Fail"], Verdicts(report));
    }

    [Fact]
    public async Task ACatchAllServerDoesNotPassForAHealthEndpoint()
    {
        var report = await Probe(new TargetBehaviour { Health = HealthStyle.None, CatchAll = true }, new HealthProbe());

        Assert.Equal(["health.liveness Fail", "health.readiness Fail"], Verdicts(report));
    }

    [Fact]
    public async Task OneEndpointForBothWarns()
    {
        var report = await Probe(new TargetBehaviour { Health = HealthStyle.General }, new HealthProbe());

        Assert.Equal(["health.liveness Pass", "health.readiness Pass", "health.separate Warn", "health.latency Pass"], Verdicts(report));
    }

    [Fact]
    public async Task TwoHundredWithAnUnhealthyBodyFails()
    {
        var report = await Probe(new TargetBehaviour { Health = HealthStyle.UnhealthyWith200 }, new HealthProbe());

        var finding = Single(report, "health.truthful");
        Assert.Equal(ProbeVerdict.Fail, finding.Verdict);
        Assert.Equal("/health answers 200 while its body says unhealthy: orchestrators and load balancers read only the status", finding.Message);
    }

    [Fact]
    public async Task AHealthBodyThatLeaksAConnectionStringFailsWithoutRepeatingTheSecret()
    {
        var report = await Probe(new TargetBehaviour { Health = HealthStyle.Leaky }, new HealthProbe());

        var finding = Single(report, "health.leak");
        Assert.Equal(ProbeVerdict.Fail, finding.Verdict);
        Assert.Equal("/health shows internals to anyone: a connection string", finding.Message);
        Assert.Equal("database: Server=db.internal;Database=orders;User ID=app;Password=***;", finding.Excerpt);
        Assert.Equal("GET /health", finding.Exchanges[0].Summary[..11]);
    }

    [Fact]
    public async Task ANotReadyServiceIsTimedOnItsLivenessEndpointAndTheRunGoesOn()
    {
        var report = await Probe(new TargetBehaviour { Health = HealthStyle.NotReady }, new HealthProbe());

        Assert.Equal(["health.liveness Pass", "health.readiness Pass", "health.latency Pass"], Verdicts(report));
        Assert.StartsWith("/livez: p95 ", Single(report, "health.latency").Message);
        Assert.Null(report.StoppedBecause);
    }

    [Fact]
    public async Task ASlowHealthEndpointWarnsWithItsLatency()
    {
        var report = await Probe(new TargetBehaviour { Health = HealthStyle.Slow }, new HealthProbe(), new ProbeOptions { SlowHealth = TimeSpan.FromMilliseconds(200) });

        var finding = Single(report, "health.latency");
        Assert.Equal(ProbeVerdict.Warn, finding.Verdict);
        // The endpoint sleeps 300 ms, so p95 is at least that; a busy machine only adds to it.
        var p95 = int.Parse(System.Text.RegularExpressions.Regex.Match(finding.Message, @"^/health is slow: p95 (\d+) ms over 5 calls").Groups[1].Value);
        Assert.InRange(p95, 300, 5000);
        Assert.Equal(5, finding.Exchanges.Count);
    }
}
