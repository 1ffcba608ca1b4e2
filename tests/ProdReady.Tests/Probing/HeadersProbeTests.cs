using ProdReady.Probing;
using ProdReady.Probing.Probes;
using ProdReady.TestTarget;
using static ProdReady.Tests.Probing.ProbeTestSupport;

namespace ProdReady.Tests.Probing;

public class HeadersProbeTests
{
    [Fact]
    public async Task SecureHeadersOnAnHtmlPagePass()
    {
        var report = await Probe(new TargetBehaviour { SecureHeaders = true, HtmlRoot = true }, new HeadersProbe());

        Assert.Equal(["headers.hsts Inconclusive", "headers.nosniff Pass", "headers.frame Pass", "headers.csp Pass", "headers.referrer Pass", "headers.banner Pass"], Verdicts(report));
    }

    [Fact]
    public async Task MissingHeadersAndBannersFail()
    {
        var report = await Probe(new TargetBehaviour { HtmlRoot = true, VersionBanners = true }, new HeadersProbe());

        Assert.Equal(["headers.hsts Inconclusive", "headers.nosniff Fail", "headers.frame Fail", "headers.csp Fail", "headers.referrer Warn", "headers.banner Fail"], Verdicts(report));
        Assert.Equal("version banners: Server: nginx/1.18.0; X-Powered-By: Express", Single(report, "headers.banner").Message);
    }

    [Fact]
    public async Task AnUnsafeCspWarnsAndAJsonApiOnlyWarnsOnFraming()
    {
        var lax = await Probe(new TargetBehaviour { SecureHeaders = true, LaxCsp = true, HtmlRoot = true }, new HeadersProbe());
        var api = await Probe(new TargetBehaviour(), new HeadersProbe());

        Assert.Equal("Content-Security-Policy allows 'unsafe-inline'", Single(lax, "headers.csp").Message);
        Assert.Equal(ProbeVerdict.Warn, Single(api, "headers.frame").Verdict);
        Assert.DoesNotContain(api.Findings, f => f.ProbeId == "headers.csp");
    }

    [Fact]
    public async Task AnUnreachableTargetSaysWhyAndSendsNothingMore()
    {
        var port = Support.Loopback.FreePort();
        var report = await ProbeRunner.Run(new Uri($"http://127.0.0.1:{port}/"), new ProbeOptions(), [new HeadersProbe()]);

        Assert.Equal("connection refused", report.Unreachable);
        Assert.Equal(1, report.RequestsSent);
        Assert.Empty(report.Findings);
    }
}
