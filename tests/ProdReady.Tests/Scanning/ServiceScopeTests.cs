using ProdReady.Catalog;
using ProdReady.Model;
using ProdReady.Scanning;
using ProdReady.Scanning.Evaluation;
using ProdReady.Tests.Support;

namespace ProdReady.Tests.Scanning;

/// <summary>A control about services looks only at the ecosystems that run one.</summary>
public class ServiceScopeTests
{
    private const string Headers = """
        any:
          - dependency: { ecosystem: node, name: helmet }
          - dependency: { ecosystem: python, name: secure }
        """;

    [Fact]
    public void AFrontEndPackageNeitherPassesNorExplainsAServiceControl()
    {
        using var repo = new TempRepo(
            ("backend/pyproject.toml", "[project]\nname = \"api\"\ndependencies = [\"fastapi>=0.110\"]\n"),
            ("frontend/package.json", "{\n  \"dependencies\": {\n    \"helmet\": \"^7.1.0\"\n  }\n}\n"));

        var service = Evaluate(repo, new Applicability { Kinds = [ServiceKind.HttpApi] });
        var anyKind = Evaluate(repo, Applicability.Always);

        Assert.Equal(ResultStatus.Fail, service.Status);
        Assert.Equal("not found: python dependency secure", service.Reason);
        Assert.Equal(ResultStatus.Pass, anyKind.Status);
        Assert.Equal("frontend/package.json", anyKind.Evidence[0].File);
    }

    private static ControlResult Evaluate(TempRepo repo, Applicability applies)
    {
        var fastapi = new FrameworkDefinition("fastapi", "FastAPI", Ecosystem.Python, ServiceKind.HttpApi,
            Rules.Detector("dependency: { ecosystem: python, name: fastapi }"), [], new SourceLocation("test", 1));
        var control = Rules.Control(Rules.Detector(Headers)) with { Applies = applies };
        var catalog = new ControlCatalog([control], [fastapi], []);
        var (facts, _, _) = Scanner.Collect(repo.Root, catalog, new ScanOptions());
        var evaluator = new DetectorEvaluator(facts);
        var stack = StackDetector.Detect(facts, catalog, evaluator);
        return new ControlEvaluator(evaluator, stack, catalog.Frameworks).Evaluate(control);
    }
}
