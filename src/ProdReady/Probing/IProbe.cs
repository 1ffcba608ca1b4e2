namespace ProdReady.Probing;

/// <summary>One kind of live check. Probes only collect and judge; rendering happens elsewhere.</summary>
public interface IProbe
{
    /// <summary>Stable id, e.g. "health.liveness"; findings may use sub-ids under it.</summary>
    string Id { get; }

    Task<IReadOnlyList<ProbeFinding>> Run(ProbeContext context);
}
