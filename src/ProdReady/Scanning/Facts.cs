using ProdReady.Catalog.Detectors;
using ProdReady.Scanning.Dockerfiles;
using ProdReady.Scanning.Manifests;

namespace ProdReady.Scanning;

/// <summary>The first match of a content pattern in one file.</summary>
public sealed record ContentHit(string File, int Line, string Excerpt);

/// <summary>
/// What one content detector found: files searched and matched, the first hits in path order, and the files where
/// the pattern timed out (so "not found" cannot be claimed).
/// </summary>
public sealed record ContentFacts(int FilesSearched, int FilesMatched, IReadOnlyList<ContentHit> FirstHits, int FilesTimedOut)
{
    public static readonly ContentFacts None = new(0, 0, [], 0);
}

/// <summary>One node a query looked at: whether it satisfied the predicate, and where it is.</summary>
public sealed record QueryItem(string File, int Line, string Excerpt, bool Satisfied);

/// <summary>What one query found across the repository.</summary>
public sealed record QueryFacts(IReadOnlyList<string> DocumentsSearched, IReadOnlyList<QueryItem> Items);

public sealed record DockerfileFacts(string File, DockerfileModel Model);

/// <summary>
/// Everything collected in the single pass over the repository. Detectors are evaluated against this,
/// never against the file system, so evaluation is cheap and collection happens once.
/// </summary>
public sealed class FactBase
{
    public required string Root { get; init; }
    public required IReadOnlyList<RepoFile> Files { get; init; }
    public required IReadOnlyList<string> Directories { get; init; }
    public required IReadOnlyList<DeclaredDependency> Dependencies { get; init; }

    /// <summary>Manifest files per ecosystem, best place for a missing dependency first (<see cref="ManifestReader.WhereDependenciesBelong"/>).</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<string>> Manifests { get; init; }

    public required IReadOnlyDictionary<ContentDetector, ContentFacts> Content { get; init; }

    public required IReadOnlyDictionary<QueryDetector, QueryFacts> Queries { get; init; }
    public required IReadOnlyList<DockerfileFacts> Dockerfiles { get; init; }

    /// <summary>Ecosystems with source files or manifests in the repository.</summary>
    public required IReadOnlySet<string> Ecosystems { get; init; }
}
