using ProdReady.Model;

namespace ProdReady.Scanning.Evaluation;

public enum OutcomeStatus
{
    Pass,
    Partial,
    Fail,

    /// <summary>The detector is about an ecosystem this repository does not have; combinators ignore it.</summary>
    Skipped,
}

/// <summary>What one detector node concluded, the evidence for it, and what it looked for (in words).</summary>
public sealed record Outcome(OutcomeStatus Status, IReadOnlyList<Evidence> Evidence, IReadOnlyList<string> LookedFor)
{
    /// <summary>What was looked for and not found, below this node: what a partial or failing result lacks.</summary>
    public IReadOnlyList<string> Missing { get; init; } = Status == OutcomeStatus.Fail ? LookedFor : [];

    /// <summary>
    /// The one observation that explains the status, for the one-line reason: supporting evidence of a pass, or
    /// located evidence of the problem in a partial or fail; null when the result is explained by what is missing.
    /// </summary>
    public Evidence? Lead { get; init; } = Status == OutcomeStatus.Pass
        ? Evidence.FirstOrDefault(e => e.Supports)
        : Evidence.FirstOrDefault(e => !e.Supports && e.Line is not null);

    public static Outcome Skipped(string lookedFor) => new(OutcomeStatus.Skipped, [], [lookedFor]);

    public ResultStatus ToResultStatus() => Status switch
    {
        OutcomeStatus.Pass => ResultStatus.Pass,
        OutcomeStatus.Partial => ResultStatus.Partial,
        OutcomeStatus.Fail => ResultStatus.Fail,
        _ => ResultStatus.Unknown,
    };
}
