using ProdReady.Model;

namespace ProdReady.Scoring;

/// <summary>
/// The one place scores are computed (published in the README):
///   score = 100 × Σ weight(priority) × credit / Σ weight(priority), over applicable, assessed controls,
///   credit: pass 1, waived 1 (until the waiver expires), partial 0.5, fail 0; not-applicable and unknown drop out.
/// The level follows the overall score, with a floor: any failing P0 control means "not ready", and a
/// partial P0 caps the level at "developing".
/// </summary>
public static class ScoreCalculator
{
    public static readonly IReadOnlyDictionary<Priority, double> DefaultWeights = new Dictionary<Priority, double>
    {
        [Priority.P0] = 10,
        [Priority.P1] = 6,
        [Priority.P2] = 3,
        [Priority.P3] = 1,
    };

    public const double DevelopingFrom = 50;
    public const double ReadyFrom = 75;
    public const double HardenedFrom = 90;

    public static ScoreCard Compute(IReadOnlyList<ControlResult> results, IReadOnlyDictionary<Priority, double>? weights = null)
    {
        weights ??= DefaultWeights;
        var categories = Category.All
            .Where(category => results.Any(result => result.Control.Category == category))
            .Select(category => ScoreOf(category, results.Where(result => result.Control.Category == category), weights))
            .ToArray();
        var overall = ScoreOf("overall", results, weights);
        var (level, reason) = LevelOf(overall, results);
        return new ScoreCard { Overall = overall, Categories = categories, Level = level, LevelReason = reason, Weights = weights };
    }

    public static double Credit(ResultStatus status) => status switch
    {
        ResultStatus.Pass or ResultStatus.Waived => 1,
        ResultStatus.Partial => 0.5,
        _ => 0,
    };

    /// <summary>Whether a status enters the score: not-applicable and unknown drop out.</summary>
    public static bool Counts(ResultStatus status) => status is ResultStatus.Pass or ResultStatus.Partial or ResultStatus.Fail or ResultStatus.Waived;

    private static Score ScoreOf(string name, IEnumerable<ControlResult> results, IReadOnlyDictionary<Priority, double> weights)
    {
        var list = results.ToList();
        var terms = list
            .Where(result => Counts(result.Status))
            .Select(result => new ScoreTerm(result.Control.Id, result.Control.Priority, weights[result.Control.Priority], Credit(result.Status)))
            .ToArray();
        var earned = terms.Sum(term => term.Weight * term.Credit);
        var possible = terms.Sum(term => term.Weight);
        return new Score
        {
            Name = name,
            Value = possible > 0 ? Math.Round(100 * earned / possible, 1, MidpointRounding.AwayFromZero) : null,
            Earned = earned,
            Possible = possible,
            Counts = Enum.GetValues<ResultStatus>().ToDictionary(status => status, status => list.Count(result => result.Status == status)),
            Terms = terms,
        };
    }

    private static (ReadinessLevel, string) LevelOf(Score overall, IReadOnlyList<ControlResult> results)
    {
        var failingP0 = results.Where(r => r.Control.Priority == Priority.P0 && r.Status == ResultStatus.Fail).Select(r => r.Control.Id).ToArray();
        if (failingP0.Length > 0)
        {
            return (ReadinessLevel.NotReady, $"P0 control{(failingP0.Length > 1 ? "s" : "")} failing: {string.Join(", ", failingP0)}");
        }
        if (overall.Value is not double value)
        {
            return (ReadinessLevel.NotReady, "no applicable control could be assessed");
        }
        var byScore = value >= HardenedFrom ? ReadinessLevel.Hardened
            : value >= ReadyFrom ? ReadinessLevel.Ready
            : value >= DevelopingFrom ? ReadinessLevel.Developing
            : ReadinessLevel.NotReady;
        var partialP0 = results.Where(r => r.Control.Priority == Priority.P0 && r.Status == ResultStatus.Partial).Select(r => r.Control.Id).ToArray();
        if (partialP0.Length > 0 && byScore > ReadinessLevel.Developing)
        {
            return (ReadinessLevel.Developing, $"score {value} would be {byScore.ToDisplay()}, but P0 only partly met: {string.Join(", ", partialP0)}");
        }
        return (byScore, $"overall score {value} (bands: developing from {DevelopingFrom}, ready from {ReadyFrom}, hardened from {HardenedFrom}); no P0 control failing");
    }
}
