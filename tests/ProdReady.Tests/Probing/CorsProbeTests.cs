using ProdReady.Probing.Probes;
using ProdReady.TestTarget;
using static ProdReady.Tests.Probing.ProbeTestSupport;

namespace ProdReady.Tests.Probing;

public class CorsProbeTests
{
    [Theory]
    [InlineData(CorsStyle.None, "cors.any-origin Pass", "cors.null-origin Pass")]
    [InlineData(CorsStyle.Explicit, "cors.any-origin Pass", "cors.null-origin Pass")]
    [InlineData(CorsStyle.EchoWithCredentials, "cors.any-origin Fail", "cors.null-origin Fail")]
    [InlineData(CorsStyle.WildcardWithCredentials, "cors.any-origin Fail", "cors.null-origin Fail")]
    [InlineData(CorsStyle.EchoWithoutVary, "cors.any-origin Warn", "cors.null-origin Warn")]
    public async Task ArbitraryAndNullOriginsAreJudged(CorsStyle style, string anyOrigin, string nullOrigin)
    {
        var report = await Probe(new TargetBehaviour { Cors = style }, new CorsProbe());

        Assert.Equal([anyOrigin, nullOrigin], Verdicts(report));
    }

    [Fact]
    public async Task AnEchoWithCredentialsIsCriticalAndShowsTheRequestAndHeaders()
    {
        var report = await Probe(new TargetBehaviour { Cors = CorsStyle.EchoWithCredentials }, new CorsProbe());

        var finding = Single(report, "cors.any-origin");
        Assert.Equal(ProdReady.Model.Priority.P0, finding.Severity);
        Assert.Equal("origin https://prodready-probe.invalid is echoed with Allow-Credentials: any site can read signed-in users' data", finding.Message);
        Assert.Equal("Access-Control-Allow-Origin: https://prodready-probe.invalid; Access-Control-Allow-Credentials: true", finding.Excerpt);
        Assert.StartsWith("GET / [Origin: https://prodready-probe.invalid] → 200", finding.Exchanges[0].Summary);
    }
}
