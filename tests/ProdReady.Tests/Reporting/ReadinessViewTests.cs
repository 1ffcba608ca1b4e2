using ProdReady.History;
using ProdReady.Model;
using ProdReady.Reporting;

namespace ProdReady.Tests.Reporting;

/// <summary>The derived parts of a status report, on a real scan of a sample.</summary>
public class ReadinessViewTests
{
    private static readonly Assessment Node = Scans.Sample("node-express-api");

    [Fact]
    public void NextStepsAreEveryControlNotMetOrNotAssessedMostImportantFirst()
    {
        var view = ReadinessView.Build(Node, []);

        Assert.Equal(
            Node.Results.Count(r => r.Status is ResultStatus.Fail or ResultStatus.Partial or ResultStatus.Unknown),
            view.NextSteps.Count);
        Assert.Equal(view.NextSteps.OrderBy(r => r.Control.Priority).Select(r => r.Control.Id), view.NextSteps.Select(r => r.Control.Id));
        Assert.Equal("sec.api-auth", view.NextSteps[0].Control.Id);
    }

    [Fact]
    public void TheRiskRegisterHoldsOnlyFailingOrPartialP0AndP1()
    {
        var view = ReadinessView.Build(Node, []);

        Assert.NotEmpty(view.Risks);
        Assert.All(view.Risks, risk => Assert.True(risk.Control.Priority <= Priority.P1 && risk.Status is ResultStatus.Fail or ResultStatus.Partial));
        Assert.Contains(view.Risks, risk => risk.Control.Id == "rel.liveness-endpoint");
        Assert.DoesNotContain(view.Risks, risk => risk.Status == ResultStatus.Unknown);
    }

    [Fact]
    public void DeclarationsComeFromProdreadyYml()
    {
        var waived = Scans.Waive(Node, "sec.rate-limiting", new DateOnly(2027, 1, 31), "alice", "the gateway limits requests");

        var declared = Assert.Single(ReadinessView.Build(waived, []).Declarations);

        Assert.Equal(("sec.rate-limiting", DeclaredEvidence.Waiver, new DateOnly(2027, 1, 31)), (declared.Result.Control.Id, declared.Declaration.Detector, declared.Declaration.Expires));
    }

    [Fact]
    public void TheChangeIsFromTheLatestScanThatDiffersSoARepeatedRunShowsTheSameChange()
    {
        var before = ScanSnapshot.From(Node, "scan 1", 1);
        var waived = Scans.Waive(Node, "sec.rate-limiting", new DateOnly(2027, 1, 31), "alice", "r");
        var first = ScanSnapshot.From(waived, "scan 2", 2);
        var repeated = ScanSnapshot.From(waived, "scan 3", 3);

        var once = ReadinessView.Build(waived, [before, first]);
        var twice = ReadinessView.Build(waived, [before, first, repeated]);

        Assert.Equal(1, once.Change!.Before.Id);
        Assert.Equal(1, twice.Change!.Before.Id);
        Assert.Equal(["sec.rate-limiting"], twice.Change.Better.Select(change => change.Id));
        Assert.Equal([1L, 2, 3], twice.Trend.Select(scan => scan.Id!.Value));
        Assert.Null(ReadinessView.Build(Node, [before]).Change);        // every recorded scan is the same
        Assert.Null(ReadinessView.Build(Node, []).Change);              // no history
        Assert.Equal(["this scan"], ReadinessView.Build(Node, []).Trend.Select(scan => scan.Label));
    }
}

public class ReadinessViewNameTests
{
    [Fact]
    public void TheServiceIsNamedByProdreadyYmlElseByItsFolder()
    {
        var node = Scans.Sample("node-express-api");

        Assert.Equal("node-express-api", ReadinessView.Build(node with { Target = "samples/node-express-api/" }, []).ServiceName);
        Assert.Equal("orders", ReadinessView.Build(node with { Service = new ServiceInfo { Name = "orders" } }, []).ServiceName);
    }
}
