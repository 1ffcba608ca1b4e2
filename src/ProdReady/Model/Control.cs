using ProdReady.Catalog.Detectors;

namespace ProdReady.Model;

/// <summary>
/// One readiness control: a statement about a service that evidence can support or refute.
/// Controls are data (rules/*.yaml); this is their loaded form.
/// </summary>
public sealed record Control
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required string Category { get; init; }
    public required Priority Priority { get; init; }
    public required string Rationale { get; init; }
    public required string Remediation { get; init; }
    public IReadOnlyList<string> References { get; init; } = [];

    /// <summary>
    /// Phrases hand-written readiness documents use for this control ("webhook signature validation"), so a
    /// document's items can be checked against the control's result.
    /// </summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>
    /// Ids of live probe findings (`prodready probe`) that are evidence for this control, e.g. "headers.hsts": the
    /// mapping is data, so a team can point a probe at its own control.
    /// </summary>
    public IReadOnlyList<string> Probes { get; init; } = [];
    public Applicability Applies { get; init; } = Applicability.Always;

    /// <summary>The detector tree; null for controls only a person can confirm (attestation).</summary>
    public Detector? Detect { get; init; }

    public IReadOnlyList<RuleExample> Examples { get; init; } = [];

    /// <summary>Where the control was defined, for messages ("rules/security.yaml:12").</summary>
    public required SourceLocation Origin { get; init; }

    /// <summary>The control's YAML as written, for `rules show`.</summary>
    public string SourceText { get; init; } = "";
}

/// <summary>Which services a control applies to. Every non-empty list must match.</summary>
public sealed record Applicability
{
    public static readonly Applicability Always = new();

    /// <summary>Service kinds (any of); empty means every kind.</summary>
    public IReadOnlyList<string> Kinds { get; init; } = [];

    /// <summary>Ecosystems (any of); empty means every ecosystem.</summary>
    public IReadOnlyList<string> Ecosystems { get; init; } = [];

    /// <summary>Repository features that must all be present (e.g. "docker", "llm").</summary>
    public IReadOnlyList<string> Features { get; init; } = [];

    public bool IsAlways => Kinds.Count == 0 && Ecosystems.Count == 0 && Features.Count == 0;
}

/// <summary>A tiny repository (relative path to content) on which the detector must give <see cref="Expect"/>.</summary>
public sealed record RuleExample(ResultStatus Expect, IReadOnlyDictionary<string, string> Files, SourceLocation Origin);

public readonly record struct SourceLocation(string File, int Line)
{
    public override string ToString() => Line > 0 ? $"{File}:{Line}" : File;
}
