using ProdReady.Catalog;
using ProdReady.Model;
using ProdReady.Scanning;
using ProdReady.Scanning.Evaluation;
using ProdReady.Tests.Support;

namespace ProdReady.Tests.Scanning;

/// <summary>The one-line reason of a result names the part of the detector tree that decided it.</summary>
public class ReasonTests
{
    // "either .gitignore lists .env, or the project does not use .env files; and no .env is committed"
    private const string EnvIgnored = """
        all:
          - any:
              - content: { files: ["**/.gitignore"], pattern: '^\.env$' }
              - not: { dependency: { ecosystem: node, name: dotenv, dev: true } }
          - not: { file: { glob: ["**/.env"], type: file } }
        """;

    [Fact]
    public void FailingAnyIsExplainedByItsFirstAlternativeNotByTheConditionALaterOneFound()
    {
        using var repo = new TempRepo(
            ("package.json", "{\n  \"devDependencies\": {\n    \"dotenv\": \"^16.4.5\"\n  }\n}\n"),
            (".gitignore", "node_modules\n"));

        var result = Evaluate(EnvIgnored, repo);

        Assert.Equal(ResultStatus.Partial, result.Status);
        Assert.Equal("partly met; not found: code matching /^\\.env$/ in **/.gitignore (1 file searched)", result.Reason);
    }

    [Fact]
    public void PartialAllIsExplainedByItsFailingChildEvenWithoutALine()
    {
        using var repo = new TempRepo(
            ("package.json", "{\n  \"dependencies\": {\n    \"pg\": \"^8.12.0\"\n  }\n}\n"),
            (".gitignore", "node_modules\n"),
            ("db/.env", "DATABASE_URL=postgres://localhost/app\n"));

        var result = Evaluate(EnvIgnored, repo);

        Assert.Equal(ResultStatus.Partial, result.Status);
        Assert.Equal("partly met; db/.env exists (db/.env)", result.Reason);
    }

    [Fact]
    public void FailingAllIsExplainedByItsFirstChild()
    {
        using var repo = new TempRepo(
            ("package.json", "{\n  \"dependencies\": {\n    \"dotenv\": \"^16.4.5\"\n  }\n}\n"),
            (".gitignore", "node_modules\n"),
            (".env", "API_KEY=x\n"));

        var result = Evaluate(EnvIgnored, repo);

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Equal("not found: code matching /^\\.env$/ in **/.gitignore (1 file searched)", result.Reason);
    }

    [Fact]
    public void PassIsExplainedByTheFirstSupportingEvidence()
    {
        using var repo = new TempRepo(
            ("package.json", "{\n  \"dependencies\": {\n    \"dotenv\": \"^16.4.5\"\n  }\n}\n"),
            (".gitignore", "node_modules\n.env\n"));

        var result = Evaluate(EnvIgnored, repo);

        Assert.Equal(ResultStatus.Pass, result.Status);
        Assert.Equal("matches /^\\.env$/ (.gitignore:2)", result.Reason);
    }

    private static ControlResult Evaluate(string detectYaml, TempRepo repo)
    {
        var control = Rules.Control(Rules.Detector(detectYaml));
        var (facts, _, _) = Scanner.Collect(repo.Root, new ControlCatalog([control], [], []), new ScanOptions());
        return new ControlEvaluator(new DetectorEvaluator(facts), new DetectedStack()).Evaluate(control);
    }
}
