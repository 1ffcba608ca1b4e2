using ProdReady.Probing.Probes;
using ProdReady.TestTarget;
using static ProdReady.Tests.Probing.ProbeTestSupport;

namespace ProdReady.Tests.Probing;

public class MethodsProbeTests
{
    [Fact]
    public async Task KestrelRefusesTraceAndListsOnlyGet()
    {
        var report = await Probe(new TargetBehaviour(), new MethodsProbe());

        Assert.Equal(["methods.trace Pass", "methods.options Pass"], Verdicts(report));
        Assert.Equal(["TRACE / is refused (405)", "/ allows GET"], report.Findings.Select(finding => finding.Message));
        Assert.Equal("Allow: GET", report.Findings[1].Excerpt);
        Assert.Equal(3 + 2, report.RequestsSent);
    }

    [Fact]
    public async Task AnEchoedTraceFailsAndAnAllowListWithTraceWarns()
    {
        var report = await Probe(new TargetBehaviour { TraceEcho = true }, new MethodsProbe());

        Assert.Equal(["methods.trace Fail", "methods.options Warn"], Verdicts(report));
        var trace = Single(report, "methods.trace");
        Assert.Equal("TRACE / answered 200 echoing the request: cookies and Authorization sent with it can be read back (cross-site tracing)", trace.Message);
        Assert.Matches("^X-ProdReady-Trace: [0-9a-f]{32}$", trace.Excerpt);
        Assert.Equal("/ allows TRACE (GET, HEAD, OPTIONS, TRACE): turn off verbs the service does not use", Single(report, "methods.options").Message);
    }

    [Fact]
    public async Task ACatchAllPageIsNoEcho()
    {
        var report = await Probe(new TargetBehaviour { CatchAll = true }, new MethodsProbe());

        Assert.Equal("TRACE / answered 200 without echoing the request", Single(report, "methods.trace").Message);
        Assert.Equal("OPTIONS / answered 200 without an Allow header", Single(report, "methods.options").Message);
    }
}
