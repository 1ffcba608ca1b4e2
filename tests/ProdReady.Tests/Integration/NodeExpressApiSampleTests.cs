using System.Text.Json;
using static ProdReady.Tests.Integration.SampleReport;

namespace ProdReady.Tests.Integration;

/// <summary>samples/node-express-api (the rushed prototype) running without its database, probed by the real CLI.</summary>
public class NodeExpressApiSampleTests(NodeExpressApiSample sample) : IClassFixture<NodeExpressApiSample>
{
    private const string AnyOrigin = "Allow-Origin *: any site can read anonymous answers (fine for public data only)";

    [Fact]
    public void ProbeFindsNoHealthEndpointsNoSecurityHeadersAndTheExpressBanner()
    {
        using var json = sample.RunJson("probe", sample.Url.ToString());
        Assert.Equal(
        [
            "health.liveness fail: no liveness endpoint answers at the usual paths (give one with --health-path)",
            "health.readiness fail: no readiness endpoint answers at the usual paths (give one with --health-path)",
            "headers.hsts inconclusive: the target is plain http; HSTS is judged on https",
            "headers.nosniff fail: no X-Content-Type-Options: nosniff; browsers may sniff responses into scripts",
            "headers.frame fail: no X-Frame-Options or CSP frame-ancestors: pages can be framed (clickjacking)",
            "headers.csp fail: HTML without a Content-Security-Policy",
            "headers.referrer warn: no Referrer-Policy: full URLs may leak to other sites",
            "headers.banner fail: version banner: X-Powered-By: Express",
            $"cors.any-origin warn: {AnyOrigin}",
            $"cors.null-origin warn: {AnyOrigin}",
        ], Findings(json, "health.liveness", "health.readiness", "headers.hsts", "headers.nosniff", "headers.frame", "headers.csp", "headers.referrer", "headers.banner", "cors.any-origin", "cors.null-origin"));
        // GET / answers res.send('ok'): 200 as text/html, which is why the frame and CSP checks apply as for a page.
        Assert.Equal($"GET {sample.Url} 200", FirstRequest(json, "headers.banner"));
        Assert.Equal("X-Powered-By: Express", Finding(json, "headers.banner").GetProperty("excerpt").GetString());
        Assert.DoesNotContain(json.RootElement.GetProperty("findings").EnumerateArray(), f => f.GetProperty("probe").GetString() == "health.latency");
    }

    [Fact]
    public void ProbeFindsTheStackTraceOnBrokenJsonAndTheInvitedUpload()
    {
        using var json = sample.RunJson("probe", sample.Url.ToString());

        // Run as the sample is written, without NODE_ENV=production: Express's error handler prints the stack.
        Assert.Equal(["errors.stack-trace fail", "errors.status pass", "limits.expect-continue fail", "limits.query pass", "limits.header pass", "methods.trace pass"],
            Verdicts(json, "errors.stack-trace", "errors.status", "limits.expect-continue", "limits.query", "limits.header", "methods.trace"));
        Assert.Equal("POST", Finding(json, "errors.stack-trace").GetProperty("requests")[0].GetProperty("method").GetString());
    }

    [Fact]
    public void ScanWithProbeAddsTheLiveGapsToTheStaticOnes()
    {
        using var json = sample.RunJson("scan", "--no-history", sample.Source, "--probe", sample.Url.ToString());
        Assert.Equal(
        [
            "rel.liveness-endpoint fail: -health.liveness",
            "rel.readiness-endpoint fail: -health.readiness",
            "sec.security-headers fail: -headers.nosniff -headers.frame -headers.referrer",
            "sec.csp-strict fail: -headers.csp",
            "sec.cors-explicit-origins fail: -cors.any-origin -cors.null-origin",
            "sec.no-version-banner fail: -headers.banner",
        ], Controls(json, "rel.liveness-endpoint", "rel.readiness-endpoint", "sec.security-headers", "sec.csp-strict", "sec.cors-explicit-origins", "sec.no-version-banner"));
        // The scan cannot judge a CSP without a frontend; the running service serves HTML without one.
        Assert.Equal("live: HTML without a Content-Security-Policy", Result(json, "sec.csp-strict").GetProperty("reason").GetString());
        Assert.Equal("live: version banner: X-Powered-By: Express", Result(json, "sec.no-version-banner").GetProperty("reason").GetString());
    }
}
