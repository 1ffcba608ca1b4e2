using ProdReady.Model;
using ProdReady.Scoring;
using ProdReady.Tests.Support;

namespace ProdReady.Tests.Scoring;

public class ScoreCalculatorTests
{
    private static ControlResult Result(string id, Priority priority, ResultStatus status, string category = Category.Security) => new()
    {
        Control = Rules.Control(Rules.Detector("file: { glob: x }"), id, priority) with { Category = category },
        Status = status,
        Reason = "r",
    };

    [Fact]
    public void WeightsByPriorityAndHalfCreditForPartial()
    {
        var results = new[]
        {
            Result("sec.a", Priority.P0, ResultStatus.Pass),     // 10 × 1
            Result("sec.b", Priority.P1, ResultStatus.Partial),  //  6 × 0.5
            Result("sec.c", Priority.P2, ResultStatus.Fail),     //  3 × 0
            Result("sec.d", Priority.P3, ResultStatus.Pass),     //  1 × 1
        };

        var card = ScoreCalculator.Compute(results);

        Assert.Equal(14, card.Overall.Earned);
        Assert.Equal(20, card.Overall.Possible);
        Assert.Equal(70.0, card.Overall.Value);
        Assert.Equal(ReadinessLevel.Developing, card.Level);
        Assert.Equal("overall = 100 × (10×1 + 6×0.5 + 3×0 + 1×1) / (10 + 6 + 3 + 1) = 100 × 14/20 = 70.0", ProdReady.Reporting.ReportText.Arithmetic(card.Overall));
    }

    [Fact]
    public void NotApplicableAndUnknownDropOut()
    {
        var results = new[]
        {
            Result("sec.a", Priority.P1, ResultStatus.Pass),
            Result("sec.b", Priority.P0, ResultStatus.NotApplicable),
            Result("sec.c", Priority.P0, ResultStatus.Unknown),
        };

        var card = ScoreCalculator.Compute(results);

        Assert.Equal(100.0, card.Overall.Value);
        Assert.Equal(6, card.Overall.Possible);
        Assert.Equal(1, card.Overall.Counts[ResultStatus.NotApplicable]);
        Assert.Equal(1, card.Overall.Counts[ResultStatus.Unknown]);
        Assert.Equal(ReadinessLevel.Hardened, card.Level);
    }

    [Fact]
    public void AFailingP0MeansNotReadyWhateverThePercentage()
    {
        var results = Enumerable.Range(0, 30).Select(i => Result($"sec.ok-{i}", Priority.P1, ResultStatus.Pass))
            .Append(Result("sec.auth", Priority.P0, ResultStatus.Fail))
            .ToArray();

        var card = ScoreCalculator.Compute(results);

        Assert.True(card.Overall.Value > 90, card.Overall.Value.ToString());
        Assert.Equal(ReadinessLevel.NotReady, card.Level);
        Assert.Contains("sec.auth", card.LevelReason);
    }

    [Fact]
    public void APartialP0CapsTheLevelAtDeveloping()
    {
        var results = Enumerable.Range(0, 30).Select(i => Result($"sec.ok-{i}", Priority.P1, ResultStatus.Pass))
            .Append(Result("sec.auth", Priority.P0, ResultStatus.Partial))
            .ToArray();

        var card = ScoreCalculator.Compute(results);

        Assert.Equal(ReadinessLevel.Developing, card.Level);
    }

    [Fact]
    public void CategoriesAreScoredSeparatelyAndEmptyOnesHaveNoValue()
    {
        var results = new[]
        {
            Result("sec.a", Priority.P1, ResultStatus.Pass),
            Result("rel.a", Priority.P1, ResultStatus.Fail, Category.Reliability),
            Result("ops.a", Priority.P1, ResultStatus.NotApplicable, Category.Operations),
        };

        var card = ScoreCalculator.Compute(results);

        Assert.Equal(["security", "reliability", "operations"], card.Categories.Select(c => c.Name));
        Assert.Equal(100.0, card.Categories[0].Value);
        Assert.Equal(0.0, card.Categories[1].Value);
        Assert.Null(card.Categories[2].Value);
        Assert.Equal(50.0, card.Overall.Value);
    }

    [Fact]
    public void ConfiguredWeightsReplaceTheDefaults()
    {
        var results = new[] { Result("sec.a", Priority.P0, ResultStatus.Pass), Result("sec.b", Priority.P3, ResultStatus.Fail) };
        var weights = new Dictionary<Priority, double> { [Priority.P0] = 1, [Priority.P1] = 1, [Priority.P2] = 1, [Priority.P3] = 1 };

        var card = ScoreCalculator.Compute(results, weights);

        Assert.Equal(50.0, card.Overall.Value);
    }
}
