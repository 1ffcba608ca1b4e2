using ProdReady.Model;

namespace ProdReady.Policy;

/// <summary>
/// What the gate demands once the tier's defaults and the file's overrides are combined:
///   critical: P0 and P1 must pass, level ready;  standard: P0 must pass, level developing;
///   experimental: P0 must pass, no level.  `policy.must-pass` and `policy.level` replace the tier's choice.
/// </summary>
public sealed record EffectivePolicy
{
    public required ServiceTier Tier { get; init; }
    public required IReadOnlyList<Priority> MustPass { get; init; }
    public ReadinessLevel? Level { get; init; }
    public double? MinScore { get; init; }
    public IReadOnlyDictionary<string, double> CategoryMinimums { get; init; } = new Dictionary<string, double>();

    /// <summary>Where each demand comes from, for the reasons the gate prints ("tier critical", "prodready.yml").</summary>
    public required string MustPassSource { get; init; }
    public required string LevelSource { get; init; }

    public static EffectivePolicy For(PolicyFile policy)
    {
        var tier = policy.Service.Tier;
        var tierSource = $"tier {tier.ToId()}";
        return new EffectivePolicy
        {
            Tier = tier,
            MustPass = policy.Rules.MustPass ?? (tier == ServiceTier.Critical ? [Priority.P0, Priority.P1] : [Priority.P0]),
            MustPassSource = policy.Rules.MustPass is null ? tierSource : $"{policy.Source} policy.must-pass",
            Level = policy.Rules.Level ?? tier switch
            {
                ServiceTier.Critical => ReadinessLevel.Ready,
                ServiceTier.Standard => ReadinessLevel.Developing,
                _ => null,
            },
            LevelSource = policy.Rules.Level is null ? tierSource : $"{policy.Source} policy.level",
            MinScore = policy.Rules.MinScore,
            CategoryMinimums = policy.Rules.CategoryMinimums,
        };
    }

    /// <summary>"P0 and P1 must pass · level ready or better · overall ≥ 75 · security ≥ 80".</summary>
    public string Describe()
    {
        var mustPass = MustPass.Count == 0 ? "no priority must pass" : $"{string.Join(" and ", MustPass)} must pass";
        var parts = new List<string> { $"{mustPass} ({MustPassSource})" };
        if (Level is { } level)
        {
            parts.Add($"level {level.ToDisplay()} or better ({LevelSource})");
        }
        if (MinScore is { } minimum)
        {
            parts.Add($"overall ≥ {minimum:0.#}");
        }
        parts.AddRange(CategoryMinimums.OrderBy(pair => Category.All.ToList().IndexOf(pair.Key)).Select(pair => $"{pair.Key} ≥ {pair.Value:0.#}"));
        return string.Join(" · ", parts);
    }
}
