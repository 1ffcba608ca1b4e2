using ProdReady.Probing;
using ProdReady.Probing.Probes;
using ProdReady.TestTarget;
using static ProdReady.Tests.Probing.ProbeTestSupport;

namespace ProdReady.Tests.Probing;

public class LimitsProbeTests
{
    [Fact]
    public async Task KestrelDefaultsRefuseEachOversizedInputUpFront()
    {
        var report = await Probe(new TargetBehaviour { Limits = LimitsStyle.Defaults }, new LimitsProbe());

        Assert.Equal(["limits.expect-continue Pass", "limits.query Pass", "limits.header Pass"], Verdicts(report));
        Assert.Equal(
            ["a declared 10 GB body is refused up front (413)", "a 64 KB query string is refused (414)", "a 64 KB header is refused (431)"],
            report.Findings.Select(f => f.Message));
        Assert.Equal(3 + 3, report.RequestsSent);
    }

    [Fact]
    public async Task TheEvidenceShowsTheExactRequestsWithLongValuesCut()
    {
        var report = await Probe(new TargetBehaviour { Limits = LimitsStyle.Defaults }, new LimitsProbe());

        Assert.StartsWith("POST / [Content-Type: application/octet-stream] [Content-Length: 10737418240] [Expect: 100-continue] → 413 (", Single(report, "limits.expect-continue").Exchanges[0].Summary);
        Assert.StartsWith("GET /?prodready-pad=aaaaaaaaaaaaaaaa...[65552] → 414 (", Single(report, "limits.query").Exchanges[0].Summary);
        Assert.StartsWith("GET / [X-ProdReady-Pad: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...[65536]] → 431 (", Single(report, "limits.header").Exchanges[0].Summary);
    }

    [Fact]
    public async Task WithoutABodyRouteTheDeclaredBodyIsStillRefused()
    {
        var report = await Probe(new TargetBehaviour(), new LimitsProbe());

        Assert.Equal("a declared 10 GB body is refused (405) without being read", Single(report, "limits.expect-continue").Message);
    }

    [Fact]
    public async Task ACatchAllPageThatIgnoresTheBodyShowsNoLimitEitherWay()
    {
        var report = await Probe(new TargetBehaviour { CatchAll = true }, new LimitsProbe());

        var finding = Single(report, "limits.expect-continue");
        Assert.Equal((ProbeVerdict.Inconclusive, "answered 200 without asking for the body, so no body limit could be seen"), (finding.Verdict, finding.Message));
    }

    [Fact]
    public async Task RaisedLimitsAskForTheBodyAndAcceptHugeInput()
    {
        var report = await Probe(new TargetBehaviour { Limits = LimitsStyle.Raised }, new LimitsProbe());

        Assert.Equal(["limits.expect-continue Fail", "limits.query Warn", "limits.header Warn"], Verdicts(report));
        Assert.Equal(
            ["100 Continue to a declared 10 GB body: the server invites the upload before checking its size; refuse on Content-Length (a body size limit)",
             "a 64 KB query string is accepted (200): limits are above that",
             "a 64 KB header is accepted (200): limits are above that"],
            report.Findings.Select(f => f.Message));
    }

    [Fact]
    public async Task AServerErrorOnHugeInputFails()
    {
        var report = await Probe(new TargetBehaviour { Limits = LimitsStyle.ServerError }, new LimitsProbe());

        Assert.Equal(["limits.expect-continue Warn", "limits.query Fail", "limits.header Fail"], Verdicts(report));
        Assert.Equal("a 64 KB header makes the server fail (500) instead of refusing it with 414 or 431", Single(report, "limits.header").Message);
    }

    [Fact]
    public async Task AHangFailsAndAWaitForTheBodyWarns()
    {
        var report = await Probe(new TargetBehaviour { Limits = LimitsStyle.Hang }, new LimitsProbe(), new ProbeOptions { RequestTimeout = TimeSpan.FromSeconds(1) });

        Assert.Equal(["limits.expect-continue Warn", "limits.query Fail", "limits.header Fail"], Verdicts(report));
        Assert.Equal(
            ["no answer to a declared 10 GB body (no answer within 1 s): the server waits for the body and holds the connection, a slow-loris shape",
             "no answer to a 64 KB query string (no answer within 1 s): the connection hangs instead of a 414 or 431"],
            report.Findings.Take(2).Select(f => f.Message));
    }

    [Fact]
    public async Task ADroppedConnectionWarns()
    {
        var report = await Probe(new TargetBehaviour { Limits = LimitsStyle.Drop }, new LimitsProbe());

        Assert.Equal(["limits.expect-continue Pass", "limits.query Warn", "limits.header Warn"], Verdicts(report));
        Assert.Equal("a 64 KB query string makes the server close the connection without an answer: refused, but clients see a network error, not 414 or 431", Single(report, "limits.query").Message);
    }

    [Fact]
    public async Task RawRequestsGoOverTlsOnAnHttpsTarget()
    {
        using var root = TestCertificates.Authority();
        using var server = TestCertificates.Server(root, DateTimeOffset.UtcNow.AddDays(90), "127.0.0.1");

        var report = await Probe(new TargetBehaviour { Certificate = server, Limits = LimitsStyle.Defaults }, new LimitsProbe(), new ProbeOptions { TrustedRoots = [root] });

        Assert.Equal(["limits.expect-continue Pass", "limits.query Pass", "limits.header Pass"], Verdicts(report));
        Assert.StartsWith("https://127.0.0.1:", Single(report, "limits.query").Exchanges[0].Url.ToString());
    }
}
