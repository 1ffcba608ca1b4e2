namespace ProdReady.Probing;

/// <summary>One kind of live check. Probes only collect and judge; rendering happens elsewhere.</summary>
public interface IProbe
{
    /// <summary>Stable id, e.g. "health.liveness"; findings may use sub-ids under it.</summary>
    string Id { get; }

    /// <summary>Every finding id the probe can report: what a control's `probes:` list may name.</summary>
    IReadOnlyList<string> Findings { get; }

    Task<IReadOnlyList<ProbeFinding>> Run(ProbeContext context);
}
