using ProdReady.Catalog;
using ProdReady.Catalog.Detectors;
using ProdReady.Model;
using ProdReady.Tests.Support;

namespace ProdReady.Tests.Catalog;

public class CatalogLoaderTests
{
    private const string ValidControl = """
        controls:
          - id: sec.example
            title: Example
            category: security
            priority: P1
            rationale: Because.
            remediation: Do it.
            detect:
              file: { glob: SECURITY.md }
            examples:
              pass:
                - files: { SECURITY.md: "report to security@example.test" }
              fail:
                - files: { README.md: "hi" }
        """;

    [Fact]
    public void LoadsAValidControlWithItsOrigin()
    {
        var loaded = Rules.Load(ValidControl);

        Assert.True(loaded.Ok, string.Join("\n", loaded.Errors));
        var control = Assert.Single(loaded.Catalog.Controls);
        Assert.Equal("sec.example", control.Id);
        Assert.Equal(Priority.P1, control.Priority);
        Assert.Equal(new SourceLocation("test-rules.yaml", 2), control.Origin);
        Assert.IsType<FileDetector>(control.Detect);
        Assert.Equal(2, control.Examples.Count);
        Assert.StartsWith("id: sec.example\ntitle: Example", control.SourceText);
    }

    [Fact]
    public void InvalidYamlIsReportedWithItsLine()
    {
        var loaded = Rules.Load("controls:\n  - id: a\n    title: [unclosed\n");

        var error = Assert.Single(loaded.Errors);
        Assert.Equal("test-rules.yaml", error.File);
        Assert.True(error.Line >= 3, error.ToString());
        Assert.Contains("invalid YAML", error.Message);
    }

    [Theory]
    [InlineData("detects:", "unknown key 'detects'")]
    [InlineData("priority: P7", "priority must be P0, P1, P2 or P3")]
    [InlineData("category: securty", "unknown category 'securty'")]
    public void MistakesInAControlAreReportedAtTheirLine(string replacement, string expected)
    {
        var yaml = replacement switch
        {
            "detects:" => ValidControl.Replace("detect:", "detects:"),
            "priority: P7" => ValidControl.Replace("priority: P1", "priority: P7"),
            _ => ValidControl.Replace("category: security", "category: securty"),
        };

        var loaded = Rules.Load(yaml);

        var lineOfMistake = yaml.Split('\n').ToList().FindIndex(line => line.Contains(replacement.Split(':')[0] + ":")) + 1;
        Assert.Contains(loaded.Errors, e => e.Message.Contains(expected) && e.Line == lineOfMistake);
    }

    [Fact]
    public void ADetectorThatContainsItselfThroughAnAliasIsAnErrorNotACrash()
    {
        var loaded = Rules.Load(ValidControl.Replace("    detect:\n      file: { glob: SECURITY.md }", "    detect: &self\n      all: [*self]"));

        var error = Assert.Single(loaded.Errors);
        Assert.Contains("nest deeper than 32 levels", error.Message);
    }

    [Fact]
    public void RuleYamlNestedBeyondTheLimitIsRefusedBeforeParsing()
    {
        var loaded = Rules.Load("controls:\n  - id: sec.x\n    title: " + new string('[', 10_000) + new string(']', 10_000) + "\n");

        var error = Assert.Single(loaded.Errors);
        Assert.Equal(3, error.Line);
        Assert.Contains("nests deeper than 256 levels", error.Message);
    }

    [Fact]
    public void MalformedPatternIsReportedAtItsLine()
    {
        var loaded = Rules.Load(ValidControl.Replace("file: { glob: SECURITY.md }", "content: { languages: [python], pattern: 'verify(x' }"));

        var error = Assert.Single(loaded.Errors);
        Assert.Contains("invalid pattern", error.Message);
        Assert.Equal(9, error.Line);
    }

    [Fact]
    public void ControlWithoutExamplesIsRejected()
    {
        var yaml = ValidControl[..ValidControl.IndexOf("    examples:", StringComparison.Ordinal)];

        var loaded = Rules.Load(yaml);

        Assert.Contains(loaded.Errors, e => e.Message.Contains("needs at least one 'pass' and one 'fail' example"));
    }

    [Fact]
    public void IdMustCarryTheCategoryPrefix()
    {
        var loaded = Rules.Load(ValidControl.Replace("sec.example", "rel.example"));

        Assert.Contains(loaded.Errors, e => e.Message.Contains("must start with 'sec.'") && e.Line == 2);
    }

    [Fact]
    public void CountThresholdsMustFitTheChildren()
    {
        var loaded = Rules.Load(ValidControl.Replace(
            "file: { glob: SECURITY.md }",
            "count: { pass: 3, of: [ { file: { glob: a } }, { file: { glob: b } } ] }"));

        Assert.Contains(loaded.Errors, e => e.Message.Contains("1 <= partial <= pass <= 2"));
    }

    [Fact]
    public void DuplicateIdsInOneLayerAreErrorsAndLaterLayersOverride()
    {
        var duplicate = CatalogLoader.Load([[new RuleSource("a.yaml", ValidControl), new RuleSource("b.yaml", ValidControl)]]);
        Assert.Contains(duplicate.Errors, e => e.File == "b.yaml" && e.Message.Contains("duplicate id sec.example; first defined at a.yaml:2"));

        var overridden = CatalogLoader.Load([[new RuleSource("a.yaml", ValidControl)], [new RuleSource("user.yaml", ValidControl.Replace("priority: P1", "priority: P3"))]]);
        Assert.True(overridden.Ok);
        Assert.Equal(Priority.P3, overridden.Catalog.Find("sec.example")!.Priority);
        Assert.Equal("user.yaml", overridden.Catalog.Find("sec.example")!.Origin.File);
    }

    [Fact]
    public void UserRulesInTheScannedRepositoryOverrideBuiltIns()
    {
        var builtIn = CatalogLoader.LoadBuiltIn().Catalog.Controls.First(c => c.Category == Category.Security);
        var own = ValidControl.Replace("sec.example", builtIn.Id).Replace("title: Example", "title: Our own wording");
        using var repo = new TempRepo((".prodready/rules/ours.yaml", own));

        var loaded = CatalogLoader.LoadFor(repo.Root);

        Assert.True(loaded.Ok, string.Join("\n", loaded.Errors));
        Assert.Equal("Our own wording", loaded.Catalog.Find(builtIn.Id)!.Title);
        Assert.Equal(".prodready/rules/ours.yaml", loaded.Catalog.Find(builtIn.Id)!.Origin.File);
    }

    [Fact]
    public void UnknownFeatureInAppliesIsAnError()
    {
        var features = """
            features:
              - id: docker
                description: A Dockerfile exists
                detect: { file: { glob: Dockerfile } }
                examples:
                  pass: [ { files: { Dockerfile: "FROM scratch" } } ]
                  fail: [ { files: { README.md: "x" } } ]
            """;
        var control = ValidControl.Replace("    detect:", "    applies: { features: [dockr] }\n    detect:");

        var loaded = CatalogLoader.Load([[new RuleSource("features.yaml", features), new RuleSource("c.yaml", control)]]);

        Assert.Contains(loaded.Errors, e => e.Message.Contains("unknown feature 'dockr'"));
    }
}
