using ProdReady.Model;
using ProdReady.Probing;
using ProdReady.Probing.Probes;
using ProdReady.TestTarget;
using static ProdReady.Tests.Probing.ProbeTestSupport;

namespace ProdReady.Tests.Probing;

public class ExposureProbeTests
{
    private const Exposed Everything = Exposed.PrometheusMetrics | Exposed.Expvar | Exposed.Actuator | Exposed.DotEnv | Exposed.GitConfig | Exposed.Pprof;

    [Fact]
    public async Task NothingExposedPassesWithFourteenRequests()
    {
        var report = await Probe(new TargetBehaviour(), new ExposureProbe());

        Assert.Equal(["exposure.metrics Pass", "exposure.secrets Pass", "exposure.debug Pass"], Verdicts(report));
        Assert.Equal(
            ["no metrics served anonymously (4 usual paths checked)", "none of 3 secret-bearing paths answers anonymously", "none of 6 admin and debug paths answers anonymously"],
            report.Findings.Select(f => f.Message));
        Assert.Equal(3 + 14, report.RequestsSent); // the root and the two baseline paths, then the actuator index, 4 metrics and 9 admin paths
    }

    [Fact]
    public async Task ACatchAllServerShowsNoMetricsSecretsOrConsoles()
    {
        var report = await Probe(new TargetBehaviour { CatchAll = true }, new ExposureProbe());

        Assert.Equal(["exposure.metrics Pass", "exposure.secrets Pass", "exposure.debug Pass"], Verdicts(report));
        Assert.Equal(3 + 14, report.RequestsSent); // its 200 for /actuator is the catch-all page, so no actuator endpoint is asked for
    }

    [Fact]
    public async Task EveryExposedEndpointIsNamedWithItsSeverityAndNoSecretIsRepeated()
    {
        var report = await Probe(new TargetBehaviour { Exposed = Everything }, new ExposureProbe());

        Assert.Equal(
            ["exposure.metrics Warn P2", "exposure.secrets Fail P0", "exposure.secrets Fail P0", "exposure.secrets Fail P0", "exposure.secrets Fail P0", "exposure.debug Fail P1"],
            report.Findings.Select(f => $"{f.ProbeId} {f.Verdict} {f.Severity}"));
        Assert.Equal(
            [
                "metrics are public at /metrics, /debug/vars, /actuator/prometheus: they show internals and cost to scrape; serve them on an internal port or behind auth",
                "a .env file is public at /.env: credentials for what the service connects to",
                "the git repository is public at /.git/config: the source code and its history, secrets ever committed included",
                "Spring actuator env is public at /actuator/env: the configuration and environment, secrets unless every key is masked",
                "a Spring actuator heap dump is public at /actuator/heapdump: the process memory, with its secrets, tokens and user data",
                "the Go pprof profiler is public at /debug/pprof/: profiles of the live process, and CPU profiling on demand slows it",
            ],
            report.Findings.Select(f => f.Message));
        Assert.Equal(
            ["# HELP http_requests_total Total HTTP requests.", "APP_ENV=***", "[core]", "\"activeProfiles\":[\"prod\"],\"propertySources\":[{\"name\":\"system…",
             "Content-Type: application/octet-stream; Content-Length: 67108864", "Types of profiles available:"],
            report.Findings.Select(f => f.Excerpt));
        Assert.DoesNotContain(report.Findings, f => $"{f.Message} {f.Excerpt}".Contains("s3cret") || $"{f.Message} {f.Excerpt}".Contains("sk_live") || $"{f.Message} {f.Excerpt}".Contains("tok3n"));
        Assert.Equal(3 + 1 + 5 + 9 + 2, report.RequestsSent); // the index lists prometheus, env and heapdump, so those three are added
    }

    [Fact]
    public async Task TheHeapDumpIsOnlyAskedForWithHead()
    {
        var report = await Probe(new TargetBehaviour { Exposed = Exposed.Actuator }, new ExposureProbe());

        var heap = Assert.Single(report.Findings, f => f.Message.Contains("heap dump"));
        Assert.Equal(("HEAD", "/actuator/heapdump", 200), (heap.Exchanges[0].Method, heap.Exchanges[0].Url.AbsolutePath, heap.Exchanges[0].StatusCode));
        Assert.Equal("", heap.Exchanges[0].Body);
    }

    [Theory]
    [InlineData(Exposed.PrometheusMetrics, "metrics are public at /metrics: they show internals and cost to scrape; serve them on an internal port or behind auth", "# HELP http_requests_total Total HTTP requests.")]
    [InlineData(Exposed.Expvar, "metrics are public at /debug/vars: they show internals and cost to scrape; serve them on an internal port or behind auth", "\"memstats\": {\"Alloc\":1261456,\"TotalAlloc\":1261456,\"Sys\":7168016,\"NumGC\":0}")]
    public async Task AnonymousMetricsWarnWithTheirIdentifyingLine(Exposed exposed, string message, string excerpt)
    {
        var report = await Probe(new TargetBehaviour { Exposed = exposed }, new ExposureProbe());

        Assert.Equal(["exposure.metrics Warn", "exposure.secrets Pass", "exposure.debug Pass"], Verdicts(report));
        Assert.Equal((message, excerpt), (Single(report, "exposure.metrics").Message, Single(report, "exposure.metrics").Excerpt));
    }

    [Fact]
    public async Task ADebugEndpointAloneFailsAsP1()
    {
        var report = await Probe(new TargetBehaviour { Exposed = Exposed.Pprof }, new ExposureProbe());

        Assert.Equal(["exposure.metrics Pass", "exposure.secrets Pass", "exposure.debug Fail"], Verdicts(report));
        Assert.Equal(Priority.P1, Single(report, "exposure.debug").Severity);
    }
}
