namespace ProdReady.Model;

/// <summary>The verdict on one control, with the evidence behind it and a one-line reason.</summary>
public sealed record ControlResult
{
    public required Control Control { get; init; }
    public required ResultStatus Status { get; init; }
    public required string Reason { get; init; }
    public IReadOnlyList<Evidence> Evidence { get; init; } = [];

    /// <summary>
    /// What the evidence alone said, when prodready.yml changed the verdict (a waiver, an attestation, a
    /// not-applicable declaration); null when the policy file did not touch this control.
    /// </summary>
    public ResultStatus? ScannedStatus { get; init; }

    /// <summary>
    /// The one repository file (and line, when known) where to act on this control: the located problem, else the
    /// file its fix belongs in (the manifest for a missing dependency, the Dockerfile, the CI workflow, the README).
    /// The scan sets it on every result, whatever the status, because live evidence or prodready.yml may turn a
    /// result into a failure afterwards; CI outputs need a file for every failure.
    /// </summary>
    public SourceLocation? FixAt { get; init; }

    /// <summary>What the detectors looked for, in words ("dependency helmet (node)").</summary>
    public IReadOnlyList<string> LookedFor { get; init; } = [];
}
