using ProdReady.Probing.Probes;
using ProdReady.TestTarget;
using static ProdReady.Tests.Probing.ProbeTestSupport;

namespace ProdReady.Tests.Probing;

public class CompressionProbeTests
{
    [Fact]
    public async Task ACompressedJsonAnswerPasses()
    {
        var report = await Probe(new TargetBehaviour { Api = ApiStyle.Protected, Compression = true }, new CompressionProbe());

        var finding = Single(report, "compression");
        Assert.Equal("GET /openapi.json (2.1 KB of JSON) is sent with Content-Encoding: br", finding.Message);
        Assert.Equal("Content-Encoding: br", finding.Excerpt);
        Assert.StartsWith("GET /openapi.json [Accept-Encoding: gzip, br] → 200 (", finding.Exchanges[1].Summary);
        Assert.Equal(3 + 2, report.RequestsSent); // the document (found first), then again with Accept-Encoding
    }

    [Fact]
    public async Task AnUncompressedJsonAnswerWarns()
    {
        var report = await Probe(new TargetBehaviour { Api = ApiStyle.Protected }, new CompressionProbe());

        var finding = Single(report, "compression");
        Assert.Equal(ProdReady.Probing.ProbeVerdict.Warn, finding.Verdict);
        Assert.Equal("GET /openapi.json (2.1 KB of JSON) is sent uncompressed even when the client accepts gzip and br: JSON shrinks several-fold compressed", finding.Message);
        Assert.Equal(ProdReady.Model.Priority.P3, finding.Severity);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task NoLargeJsonAnswerIsInconclusive(bool catchAll)
    {
        var report = await Probe(new TargetBehaviour { Compression = true, CatchAll = catchAll }, new CompressionProbe());

        Assert.Equal(["compression Inconclusive"], Verdicts(report));
        Assert.Equal("no JSON answer over 1 KB seen (the OpenAPI document, /, /api, /api/v1) to test compression on", report.Findings[0].Message);
    }
}
