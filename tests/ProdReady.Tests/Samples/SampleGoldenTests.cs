using System.Text;
using ProdReady.Catalog;
using ProdReady.Model;
using ProdReady.Scanning;
using ProdReady.Tests.Support;

namespace ProdReady.Tests.Samples;

/// <summary>
/// Golden results on every sample: which controls pass or fail, and why. A change in the catalog or the
/// scanner that moves a result shows up here as a diff to review. Regenerate with PRODREADY_UPDATE_GOLDEN=1.
/// </summary>
public class SampleGoldenTests
{
    private static readonly ControlCatalog BuiltIn = CatalogLoader.LoadBuiltIn().Catalog;

    private static readonly string[] SampleNames = ["node-express-api", "python-fastapi", "aspnet-api", "go-hardened"];

    public static TheoryData<string> Samples() => [.. SampleNames];

    [Theory]
    [MemberData(nameof(Samples))]
    public void ResultsMatchTheGoldenFile(string sample)
    {
        var actual = Render(Scan(sample));
        var golden = Path.Combine(RepositoryRoot.Path, "tests", "ProdReady.Tests", "Samples", "golden", sample + ".txt");
        if (Environment.GetEnvironmentVariable("PRODREADY_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(golden, actual);
        }
        Assert.True(File.Exists(golden), $"no golden file {golden}; run with PRODREADY_UPDATE_GOLDEN=1 and review it");
        Assert.Equal(File.ReadAllText(golden), actual);
    }

    [Fact]
    public void SamplesAreAtClearlyDifferentReadiness()
    {
        var scores = SampleNames.Select(sample => Scan(sample).Scores).ToList();

        Assert.Equal(ReadinessLevel.NotReady, scores[0].Level);
        Assert.True(scores[0].Overall.Value < scores[1].Overall.Value, "node < python");
        Assert.True(scores[1].Overall.Value < scores[2].Overall.Value, "python < aspnet");
        Assert.True(scores[2].Overall.Value < scores[3].Overall.Value, "aspnet < go");
        Assert.True(scores[3].Level >= ReadinessLevel.Ready, $"the hardened sample is {scores[3].Level}: {scores[3].LevelReason}");
    }

    [Theory]
    [InlineData("node-express-api", "node", "express", "http-api")]
    [InlineData("python-fastapi", "python", "fastapi", "http-api")]
    [InlineData("aspnet-api", "dotnet", "aspnetcore", "http-api")]
    [InlineData("go-hardened", "go", "chi", "http-api")]
    public void StackIsDetected(string sample, string ecosystem, string framework, string kind)
    {
        var stack = Scan(sample).Stack;

        Assert.Equal(ecosystem, stack.Ecosystems[0]);
        Assert.Contains(framework, stack.Frameworks);
        Assert.Contains(kind, stack.Kinds);
        Assert.Contains("docker", stack.DeployTargets);
    }

    private static Assessment Scan(string sample) =>
        Scanner.Scan(RepositoryRoot.Samples(sample), BuiltIn, new ScanOptions(), target: "samples/" + sample);

    private static string Render(Assessment assessment)
    {
        var text = new StringBuilder();
        var stack = assessment.Stack;
        text.AppendLine($"# {assessment.Target}");
        text.AppendLine($"ecosystems: {string.Join(", ", stack.Ecosystems)}; frameworks: {string.Join(", ", stack.Frameworks)}; kinds: {string.Join(", ", stack.Kinds)}");
        text.AppendLine($"features: {string.Join(", ", stack.Features)}");
        text.AppendLine($"level: {assessment.Scores.Level.ToId()}; overall: {assessment.Scores.Overall.Value}");
        text.AppendLine(string.Join("; ", assessment.Scores.Categories.Select(c => $"{c.Name} {(c.Value is double v ? v.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) : "-")}")));
        foreach (var diagnostic in assessment.Diagnostics)
        {
            text.AppendLine($"diagnostic: {diagnostic}");
        }
        text.AppendLine();
        foreach (var result in assessment.Results)
        {
            text.AppendLine($"{result.Control.Priority} {result.Control.Id} {result.Status.ToId()}: {result.Reason}");
        }
        return text.ToString();
    }
}
