using ProdReady.Catalog;
using ProdReady.Catalog.Detectors;
using ProdReady.Model;
using ProdReady.Scanning;
using ProdReady.Scanning.Evaluation;

namespace ProdReady.Tests.Support;

/// <summary>Builds catalogs from YAML text and evaluates a single detector on a real folder.</summary>
public static class Rules
{
    public static CatalogLoadResult Load(string yaml, string name = "test-rules.yaml") =>
        CatalogLoader.Load([[new RuleSource(name, yaml)]]);

    /// <summary>A catalog with one control whose detect tree is <paramref name="detectYaml"/> (indented as under `detect:`).</summary>
    public static Detector Detector(string detectYaml)
    {
        var yaml = $$"""
            controls:
              - id: test.subject
                title: Subject under test
                category: testing
                priority: P1
                rationale: r
                remediation: r
                examples:
                  pass: [ { files: { a: a } } ]
                  fail: [ { files: { b: b } } ]
                detect:
            {{Indent(detectYaml, 6)}}
            """;
        var loaded = Load(yaml);
        Assert.True(loaded.Ok, string.Join("\n", loaded.Errors));
        return loaded.Catalog.Find("test.subject")!.Detect!;
    }

    public static Outcome Evaluate(string detectYaml, TempRepo repo)
    {
        var detector = Detector(detectYaml);
        var catalog = new ControlCatalog([Control(detector)], [], []);
        var (facts, _, _) = Scanner.Collect(repo.Root, catalog, new ScanOptions());
        return new DetectorEvaluator(facts).Evaluate(detector);
    }

    public static Control Control(Detector detector, string id = "test.subject", Priority priority = Priority.P1) => new()
    {
        Id = id,
        Title = id,
        Category = ProdReady.Model.Category.Testing,
        Priority = priority,
        Rationale = "r",
        Remediation = "r",
        Detect = detector,
        Origin = new SourceLocation("test", 1),
    };

    private static string Indent(string text, int spaces) =>
        string.Join('\n', text.Trim('\n').Split('\n').Select(line => new string(' ', spaces) + line));
}
