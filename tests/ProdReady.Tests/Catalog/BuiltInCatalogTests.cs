using ProdReady.Catalog;
using ProdReady.Model;
using ProdReady.Tests.Support;

namespace ProdReady.Tests.Catalog;

/// <summary>The embedded catalog: loads cleanly, is big enough, and every rule's examples hold (self-tests).</summary>
public class BuiltInCatalogTests
{
    private static readonly ControlCatalog BuiltIn = LoadBuiltIn();

    private static ControlCatalog LoadBuiltIn()
    {
        var loaded = CatalogLoader.LoadBuiltIn();
        Assert.True(loaded.Ok, string.Join("\n", loaded.Errors));
        return loaded.Catalog;
    }

    public static TheoryData<string> ControlIds() => [.. LoadBuiltIn().Controls.Where(c => c.Detect is not null).Select(c => c.Id)];

    public static TheoryData<string> FeatureIds() => [.. LoadBuiltIn().Features.Select(f => f.Id)];

    [Fact]
    public void HasAtLeastEightyControlsAcrossEveryCategory()
    {
        Assert.True(BuiltIn.Controls.Count >= 80, $"{BuiltIn.Controls.Count} controls");
        foreach (var category in Category.All)
        {
            Assert.Contains(BuiltIn.Controls, control => control.Category == category);
        }
        Assert.Contains(BuiltIn.Controls, control => control.Priority == Priority.P0);
    }

    [Fact]
    public void EveryRuleFileUnderRulesIsEmbedded()
    {
        var rulesDirectory = Path.Combine(RepositoryRoot.Path, "rules");
        var onDisk = Directory.EnumerateFiles(rulesDirectory, "*.yaml", SearchOption.AllDirectories)
            .Select(path => "rules/" + Path.GetRelativePath(rulesDirectory, path).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

        Assert.Equal(onDisk, RuleSource.BuiltIn().Select(source => source.Name));
    }

    [Theory]
    [MemberData(nameof(ControlIds))]
    public void ControlExamplesHold(string id)
    {
        var control = BuiltIn.Find(id)!;

        var failures = RuleSelfTester.Test(control.Id, control.Detect!, control.Examples).ToList();

        Assert.True(failures.Count == 0, string.Join("\n", failures.Select(f => $"{f.Example}: expected {f.Expected.ToId()}, was {f.Actual.ToId()}: {f.Detail}")));
    }

    [Theory]
    [MemberData(nameof(FeatureIds))]
    public void FeatureExamplesHold(string id)
    {
        var feature = BuiltIn.Features.Single(f => f.Id == id);

        var failures = RuleSelfTester.Test("feature " + id, feature.Detect, feature.Examples).ToList();

        Assert.True(failures.Count == 0, string.Join("\n", failures.Select(f => $"{f.Example}: expected {f.Expected.ToId()}, was {f.Actual.ToId()}: {f.Detail}")));
    }
}
