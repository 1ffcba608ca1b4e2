using System.Text.RegularExpressions;
using ProdReady.Scanning.Paths;
using ProdReady.Scanning.Structured;

namespace ProdReady.Catalog.Detectors;

public enum EntryType
{
    Any,
    File,
    Directory,
}

/// <summary>A file or folder matching one of the globs, and none of <see cref="Exclude"/>, exists.</summary>
public sealed record FileDetector(IReadOnlyList<Glob> Globs, EntryType Type) : Detector
{
    public IReadOnlyList<Glob> Exclude { get; init; } = [];
}

/// <summary>A manifest of <see cref="Ecosystem"/> declares one of <see cref="Names"/> (normalised; a trailing * is a prefix).</summary>
public sealed record DependencyDetector(string Ecosystem, IReadOnlyList<string> Names, bool IncludeDevelopment) : Detector;

/// <summary>A pattern matches the comment-blanked text of files of the given languages and/or globs.</summary>
public sealed record ContentDetector(IReadOnlyList<string> Languages, IReadOnlyList<Glob> Files, Regex Pattern) : Detector
{
    /// <summary>A match whose own text also matches this does not count (documented placeholder values, say).</summary>
    public Regex? Unless { get; init; }

    /// <summary>Whether test code and test data are searched too; by default only what the service runs is.</summary>
    public bool Tests { get; init; }

    /// <summary>
    /// The ecosystems this detector is about, when it searches only source languages; empty when it also
    /// searches configuration, text or globbed files, which any repository may have.
    /// </summary>
    public IReadOnlyList<string> Ecosystems { get; } =
        Files.Count == 0 && Languages.All(language => ProdReady.Scanning.Languages.EcosystemOf(language) is not null)
            ? [.. Languages.Select(language => ProdReady.Scanning.Languages.EcosystemOf(language)!).Distinct()]
            : [];
}

public enum QueryPredicateKind
{
    Exists,
    Absent,
    EqualsValue,
    Matches,
    Contains,
}

public sealed record QueryPredicate(QueryPredicateKind Kind, string? Value, Regex? Pattern);

/// <summary>A structured query on YAML/JSON documents of a kind (compose, kubernetes, ...) or matching a glob.</summary>
public sealed record QueryDetector(string In, Glob? InGlob, NodePath? Each, NodePath Path, QueryPredicate Predicate) : Detector;

/// <summary>A named check run on every Dockerfile.</summary>
public sealed record DockerfileDetector(string Check) : Detector;
