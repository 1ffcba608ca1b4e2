namespace ProdReady.Model;

public enum ReadinessLevel
{
    NotReady,
    Developing,
    Ready,
    Hardened,
}

public static class ReadinessLevelNames
{
    /// <summary>The id used in JSON and configuration ("not-ready").</summary>
    public static string ToId(this ReadinessLevel level) => level switch
    {
        ReadinessLevel.NotReady => "not-ready",
        ReadinessLevel.Developing => "developing",
        ReadinessLevel.Ready => "ready",
        _ => "hardened",
    };

    /// <summary>The words shown to people ("not ready").</summary>
    public static string ToDisplay(this ReadinessLevel level) => level.ToId().Replace('-', ' ');
}

/// <summary>A score for one category, or overall, with the sums it came from.</summary>
public sealed record Score
{
    public required string Name { get; init; }

    /// <summary>0-100, rounded to one decimal; null when nothing applicable was assessed.</summary>
    public double? Value { get; init; }

    public required double Earned { get; init; }
    public required double Possible { get; init; }
    public required IReadOnlyDictionary<ResultStatus, int> Counts { get; init; }

    /// <summary>Every control that counted, so anyone can recompute the score by hand.</summary>
    public required IReadOnlyList<ScoreTerm> Terms { get; init; }
}

/// <summary>One control's share of a score: weight × credit (1 pass, 0.5 partial, 0 fail).</summary>
public sealed record ScoreTerm(string ControlId, Priority Priority, double Weight, double Credit);

public sealed record ScoreCard
{
    public required Score Overall { get; init; }
    public required IReadOnlyList<Score> Categories { get; init; }
    public required ReadinessLevel Level { get; init; }

    /// <summary>Why the level is what it is ("P0 control sec.api-auth fails").</summary>
    public required string LevelReason { get; init; }

    public required IReadOnlyDictionary<Priority, double> Weights { get; init; }
}
