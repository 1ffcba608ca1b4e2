using ProdReady.Probing;
using ProdReady.Probing.Probes;
using ProdReady.TestTarget;
using static ProdReady.Tests.Probing.ProbeTestSupport;

namespace ProdReady.Tests.Probing;

public class OpenApiProbeTests
{
    /// <summary>Every run sends three requests first: the root and two random paths for the soft-404 baseline.</summary>
    private const int BeforeProbes = 3;

    [Fact]
    public async Task ADiscoveredDocumentIsReportedAsInformation()
    {
        var report = await Probe(new TargetBehaviour { Api = ApiStyle.Protected }, new OpenApiProbe());

        var finding = Single(report, "openapi.document");
        Assert.Equal(ProbeVerdict.Pass, finding.Verdict);
        Assert.Equal("OpenAPI 3.0.1 'Orders API' 1.4.2 at /openapi.json: 5 operations, 4 secured", finding.Message);
        Assert.Equal(BeforeProbes + 1, report.RequestsSent); // the first well-known path has it
    }

    [Fact]
    public async Task AMalformedDocumentIsInconclusiveAndNamesTheLine()
    {
        var report = await Probe(new TargetBehaviour { Api = ApiStyle.MalformedDocument }, new OpenApiProbe());

        var finding = Single(report, "openapi.document");
        Assert.Equal(ProbeVerdict.Inconclusive, finding.Verdict);
        Assert.Equal("the OpenAPI document /openapi.json:5: invalid JSON, skipped: ',' is an invalid start of a property name. Expected a '\"'.", finding.Message);
    }

    [Fact]
    public async Task ACatchAllServerDoesNotPassForADocument()
    {
        var report = await Probe(new TargetBehaviour { CatchAll = true }, new OpenApiProbe());

        Assert.Equal(["openapi.document Inconclusive"], Verdicts(report));
        Assert.Equal("no OpenAPI document at the 10 usual paths (/openapi.json, /openapi/v1.json, …); give one with --openapi", report.Findings[0].Message);
        Assert.Equal(BeforeProbes + OpenApiDiscovery.WellKnownPaths.Count, report.RequestsSent);
    }

    [Fact]
    public async Task AGivenLocalFileIsReadWithoutARequest()
    {
        var directory = Directory.CreateTempSubdirectory("prodready-openapi-");
        try
        {
            var file = Path.Combine(directory.FullName, "api.yaml");
            await File.WriteAllTextAsync(file, "openapi: 3.1.0\ninfo: { title: Tea Shop, version: '2.0' }\nsecurity: [ { key: [] } ]\npaths:\n  /teas: { get: {} }\n  /health: { get: { security: [] } }\n");

            var report = await Probe(new TargetBehaviour(), new OpenApiProbe(), new ProbeOptions { OpenApi = file });

            Assert.Equal($"OpenAPI 3.1.0 'Tea Shop' 2.0 at {file}: 2 operations, 1 secured", Single(report, "openapi.document").Message);
            Assert.Equal(BeforeProbes, report.RequestsSent);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("/openapi.json", "the OpenAPI document /openapi.json answered 404", 1)]
    [InlineData("https://docs.example.test/openapi.json", "https://docs.example.test/openapi.json is not on the target's host: not fetched (give a local copy instead)", 0)]
    public async Task AGivenDocumentThatIsNotThereOrElsewhereIsInconclusive(string given, string message, int requests)
    {
        var report = await Probe(new TargetBehaviour(), new OpenApiProbe(), new ProbeOptions { OpenApi = given });

        Assert.Equal(["openapi.document Inconclusive"], Verdicts(report));
        Assert.Equal(message, report.Findings[0].Message);
        Assert.Equal(BeforeProbes + requests, report.RequestsSent);
    }

    [Fact]
    public async Task ADocumentLargerThanTheBodyCapIsInconclusiveAndSaysHowToGiveIt()
    {
        var report = await Probe(new TargetBehaviour { Api = ApiStyle.Protected }, new OpenApiProbe(), new ProbeOptions { MaxBodyBytes = 1024 });

        Assert.Equal("the OpenAPI document /openapi.json is larger than the 1 KB the probe reads; give a local copy with --openapi FILE", Single(report, "openapi.document").Message);
    }

    [Fact]
    public async Task TheDocumentIsFetchedOnceForAllTheProbesThatUseIt()
    {
        await using var target = await TargetApp.Start(new TargetBehaviour { Api = ApiStyle.Protected, Compression = true });

        var report = await ProbeRunner.Run(target.Url, new ProbeOptions(), [new OpenApiProbe(), new AuthProbe(), new CompressionProbe()]);

        // document 1; auth: /api/v1/orders 1, /api and its login redirect 2, /api/v1 1; compression: the document again, compressed, 1
        Assert.Equal(BeforeProbes + 1 + 4 + 1, report.RequestsSent);
        Assert.Equal(["openapi.document Pass", "auth.secured Pass", "auth.public Pass", "auth.unmarked Pass", "auth.unmarked Pass", "compression Pass"], Verdicts(report));
    }

    [Fact]
    public async Task TheCommandLineTakesTheDocumentWithOpenApi()
    {
        await using var target = await TargetApp.Start(new TargetBehaviour { Api = ApiStyle.Protected });

        var run = Support.Cli.Run(AppContext.BaseDirectory, "probe", target.Url.ToString(), "--openapi", "/openapi.json", "--format", "json");

        Assert.Equal(0, run.ExitCode);
        using var json = System.Text.Json.JsonDocument.Parse(run.Stdout);
        var finding = json.RootElement.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("probe").GetString() == "openapi.document");
        Assert.Equal("OpenAPI 3.0.1 'Orders API' 1.4.2 at /openapi.json: 5 operations, 4 secured", finding.GetProperty("message").GetString());
    }
}
