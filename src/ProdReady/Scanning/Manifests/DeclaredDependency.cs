using ProdReady.Model;

namespace ProdReady.Scanning.Manifests;

/// <summary>
/// A dependency declared in a manifest. <see cref="Name"/> is as written (Python names without extras or
/// markers; Java names as "group:artifact"); compare names through <see cref="DependencyName.Normalize"/>.
/// <see cref="Version"/> is the constraint as written ("^4.19.0", "&gt;=2,&lt;3", "3.3.0"), or null.
/// </summary>
public sealed record DeclaredDependency(string Ecosystem, string Name, string? Version, string File, int Line, bool Development);

/// <summary>What a manifest declares, and the problems met while reading it.</summary>
public sealed record ManifestParseResult(IReadOnlyList<DeclaredDependency> Dependencies, IReadOnlyList<Diagnostic> Diagnostics);
