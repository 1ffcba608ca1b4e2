namespace ProdReady.Model;

public enum EvidenceSource
{
    Static,
    Live,
    Document,
    Attestation,
}

/// <summary>
/// One observation about a control. <see cref="Supports"/> says which way it points:
/// a helmet dependency supports the headers control; "USER root" at Dockerfile:12 refutes the non-root control.
/// </summary>
public sealed record Evidence
{
    public required EvidenceSource Source { get; init; }

    /// <summary>The detector that produced it, e.g. "dependency", "content", "dockerfile:non-root-user".</summary>
    public required string Detector { get; init; }

    public required bool Supports { get; init; }

    /// <summary>Repository-relative path with forward slashes, when the evidence is in a file.</summary>
    public string? File { get; init; }

    /// <summary>1-based line, when known.</summary>
    public int? Line { get; init; }

    /// <summary>A short excerpt of the line, trimmed.</summary>
    public string? Excerpt { get; init; }

    /// <summary>For live evidence: the URL that was requested.</summary>
    public string? Url { get; init; }

    /// <summary>For a waiver or an attestation: the last day it counts.</summary>
    public DateOnly? Expires { get; init; }

    /// <summary>One line saying what this shows ("declares helmet 7.1.0").</summary>
    public required string Message { get; init; }

    public string Location => File is null ? Url ?? "" : Line is int line ? $"{File}:{line}" : File;
}

/// <summary>The detectors of evidence that prodready.yml declares (source <see cref="EvidenceSource.Attestation"/>).</summary>
public static class DeclaredEvidence
{
    public const string NotApplicable = "not-applicable";
    public const string Waiver = "waiver";
    public const string Attestation = "attestation";
}
