namespace ProdReady.Probing;

/// <summary>Everything one probe run found, and how far it went.</summary>
public sealed record ProbeReport(Uri Target, IReadOnlyList<ProbeFinding> Findings, int RequestsSent)
{
    /// <summary>Why the run stopped early (budget, deadline, repeated 5xx), if it did.</summary>
    public string? StoppedBecause { get; init; }

    /// <summary>The Observatory-style grade of the target's headers; null when the target could not be reached.</summary>
    public HeadersGrade? HeadersGrade { get; init; }

    /// <summary>Set when the target could not be reached at all: "connection refused", "host not found (DNS)".</summary>
    public string? Unreachable { get; init; }
}
