using ProdReady.Model;
using ProdReady.Probing;
using ProdReady.Probing.Probes;
using ProdReady.TestTarget;
using static ProdReady.Tests.Probing.ProbeTestSupport;

namespace ProdReady.Tests.Probing;

public class AuthProbeTests
{
    [Fact]
    public async Task SecuredOperationsThatRefuseAnonymousCallsPass()
    {
        var report = await Probe(new TargetBehaviour { Api = ApiStyle.Protected }, new AuthProbe());

        Assert.Equal(["auth.secured Pass", "auth.public Pass", "auth.unmarked Pass", "auth.unmarked Pass"], Verdicts(report));
        Assert.Equal(
            [
                "GET /api/v1/orders is marked secured and refuses anonymous requests (401)",
                "GET /api/v1/catalog is public by the document: not checked",
                "GET /api redirects anonymous requests to the login page /account/login",
                "GET /api/v1 refuses anonymous requests (403)",
            ],
            report.Findings.Select(finding => finding.Message));
        Assert.Empty(Single(report, "auth.public").Exchanges); // public operations cost no request
    }

    [Fact]
    public async Task ASecuredOperationThatHandsDataToAnyoneFailsAsCritical()
    {
        var report = await Probe(new TargetBehaviour { Api = ApiStyle.Leaky }, new AuthProbe());

        Assert.Equal(["auth.secured Fail", "auth.public Pass", "auth.unmarked Warn", "auth.unmarked Warn"], Verdicts(report));
        var finding = Single(report, "auth.secured");
        Assert.Equal("GET /api/v1/orders is marked secured but answered 200 with data to an anonymous request", finding.Message);
        Assert.Equal(Priority.P0, finding.Severity);
        Assert.Equal(ApiContent.Orders, finding.Excerpt);
        Assert.StartsWith("GET /api/v1/orders → 200", finding.Exchanges[0].Summary);
        Assert.Equal("GET /api answered 200 with data to an anonymous request; confirm it is meant to be public", report.Findings[2].Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task WithNoApiAndNoDocumentThereIsNothingToJudge(bool catchAll)
    {
        var report = await Probe(new TargetBehaviour { CatchAll = catchAll }, new AuthProbe());

        Assert.Equal(["auth Inconclusive"], Verdicts(report));
        Assert.Equal("nothing to call anonymously: /api and /api/v1 were not found and there is no OpenAPI document (give one with --openapi)", report.Findings[0].Message);
    }

    [Fact]
    public async Task ASecuredOperationTheServiceDoesNotHaveIsInconclusive()
    {
        var directory = Directory.CreateTempSubdirectory("prodready-openapi-");
        try
        {
            var file = Path.Combine(directory.FullName, "openapi.json");
            await File.WriteAllTextAsync(file, """{"openapi":"3.0.0","security":[{"bearer":[]}],"paths":{"/api/v2/invoices":{"get":{}},"/api/v2/invoices/{id}":{"get":{}}}}""");

            var report = await Probe(new TargetBehaviour(), new AuthProbe(), new ProbeOptions { OpenApi = file });

            Assert.Equal(["auth.secured Inconclusive"], Verdicts(report));
            Assert.Equal("GET /api/v2/invoices is marked secured; it answered 404 to an anonymous request, so could not tell", report.Findings[0].Message);
            Assert.Equal(3 + 3, report.RequestsSent); // /api/v2/invoices, /api, /api/v1; not the one with a parameter
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
