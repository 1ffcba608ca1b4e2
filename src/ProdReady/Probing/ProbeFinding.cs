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
/// What one probe concluded and the exchanges that show it (the exact requests and the response status, header or
/// leaked line). Probes do not name controls: the catalog says which controls a finding is evidence for.
/// </summary>
public sealed record ProbeFinding(string ProbeId, ProbeVerdict Verdict, string Message)
{
    /// <summary>The catalog controls whose `probes:` list names this finding; set by <see cref="LiveEvidence.Attach"/>.</summary>
    public IReadOnlyList<string> Controls { get; init; } = [];

    public Priority Severity { get; init; } = Priority.P2;

    public IReadOnlyList<ProbeExchange> Exchanges { get; init; } = [];

    /// <summary>The line of the response that shows it (a leaked stack frame, a header value).</summary>
    public string? Excerpt { get; init; }
}
