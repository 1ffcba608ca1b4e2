using ProdReady.Model;

namespace ProdReady.Probing;

public enum ProbeVerdict
{
    Pass,
    Warn,
    Fail,

    /// <summary>The probe could not tell (no endpoint found, no limit seen, budget spent): never a failure.</summary>
    Inconclusive,
}

/// <summary>
/// What one probe concluded, the control it is evidence for, and the exchanges that show it (the exact requests and
/// the response status, header or leaked line).
/// </summary>
public sealed record ProbeFinding(string ProbeId, ProbeVerdict Verdict, string Message)
{
    /// <summary>The catalog control this is live evidence for, when one is.</summary>
    public string? ControlId { get; init; }

    public Priority Severity { get; init; } = Priority.P2;

    public IReadOnlyList<ProbeExchange> Exchanges { get; init; } = [];

    /// <summary>The line of the response that shows it (a leaked stack frame, a header value).</summary>
    public string? Excerpt { get; init; }
}
