using ProdReady.Catalog.Detectors;
using ProdReady.Model;
using ProdReady.Scanning.Paths;

namespace ProdReady.Scanning.Evaluation;

/// <summary>
/// Finds the one repository file where to act on a control (<see cref="ControlResult.FixAt"/>). Code scanning needs a
/// file for every failure, and many failures are absences, so when no evidence has a file the place comes from what
/// the detectors look at: the manifest a missing dependency belongs in, the Dockerfile, the CI workflow; else the README.
/// </summary>
internal sealed class FixLocator(FactBase facts)
{
    // For an empty repository: describing the service is where its readiness starts.
    private const string EmptyRepositoryPlace = "README.md";

    private readonly Lazy<SourceLocation> _fallback = new(() => Fallback(facts));

    // A `file` leaf of type any or dir finds folders; a location must be a file.
    private readonly Lazy<HashSet<string>> _directories = new(() => facts.Directories.ToHashSet(StringComparer.Ordinal));

    /// <summary>
    /// The first evidence against the control that has a file; else the first evidence with a file (what is there is
    /// where the rest belongs); else the first place a leaf of <paramref name="detect"/> looks at, in rule order;
    /// else the README, the first manifest or the first file.
    /// </summary>
    public SourceLocation Locate(Outcome? outcome, Detector? detect, IReadOnlySet<string> ecosystems)
    {
        if (outcome is not null && Located(outcome) is { } located)
        {
            return located;
        }
        var place = detect is null ? null : Leaves(detect).Select(leaf => PlaceOf(leaf, ecosystems)).FirstOrDefault(path => path is not null);
        return place is null ? _fallback.Value : new SourceLocation(place, 0);
    }

    private SourceLocation? Located(Outcome outcome)
    {
        Evidence[] evidence = [.. (outcome.Lead is { } lead ? outcome.Evidence.Prepend(lead) : outcome.Evidence).Where(e => e.File is not null && !_directories.Value.Contains(e.File))];
        var found = evidence.FirstOrDefault(e => !e.Supports) ?? evidence.FirstOrDefault();
        return found is null ? null : new SourceLocation(found.File!, found.Line ?? 0);
    }

    /// <summary>Leaves in rule order. Not below a `not`: what it forbids is evidence when found, and needs no fix when not.</summary>
    private static IEnumerable<Detector> Leaves(Detector detector) => detector switch
    {
        NotDetector => [],
        _ when detector.Children.Count > 0 => detector.Children.SelectMany(Leaves),
        _ => [detector],
    };

    private string? PlaceOf(Detector leaf, IReadOnlySet<string> ecosystems) => leaf switch
    {
        DependencyDetector dependency when ecosystems.Contains(dependency.Ecosystem) =>
            facts.Manifests.GetValueOrDefault(dependency.Ecosystem)?.FirstOrDefault(),
        DockerfileDetector => Shallowest(facts.Dockerfiles.Select(dockerfile => dockerfile.File)),
        QueryDetector query when query.InGlob is null || NamesFiles(query.InGlob) =>
            facts.Queries.TryGetValue(query, out var found) ? Shallowest(found.DocumentsSearched) : null,
        ContentDetector { Files.Count: 0, Languages: [Languages.Dockerfile] } content =>
            Shallowest(facts.Files.Where(file => file.Language == Languages.Dockerfile && (content.Tests || !file.IsTest)).Select(file => file.Path)),
        // The globs in rule order, so a rule's preferred place (its CI workflow glob, say) comes first.
        ContentDetector content => content.Files.Where(NamesFiles).Select(glob => Shallowest(facts.Files
                .Where(file => glob.IsMatch(file.Path) && (content.Languages.Count == 0 || content.Languages.Contains(file.Language)) && (content.Tests || !file.IsTest))
                .Select(file => file.Path)))
            .FirstOrDefault(path => path is not null),
        _ => null,
    };

    /// <summary>
    /// Whether a glob names a kind of file (`**/package.json`, `.github/workflows/*.yml`, `**/*backup*`, `deploy/**`)
    /// rather than any file with an extension (`**/*.yml`): only the first kind says where a fix goes.
    /// </summary>
    private static bool NamesFiles(Glob glob)
    {
        var pattern = glob.Pattern;
        var slash = pattern.LastIndexOf('/');
        var name = pattern[(slash + 1)..];
        var extension = name.IndexOf('.', 1);
        return HasLiteral(slash < 0 ? "" : pattern[..slash]) || HasLiteral(extension < 0 ? name : name[..extension]);
    }

    private static bool HasLiteral(string part) => part.Any(c => c is not ('*' or '?' or '/'));

    private static SourceLocation Fallback(FactBase facts)
    {
        var readme = Shallowest(facts.Files.Select(file => file.Path).Where(IsReadme));
        var place = readme
            ?? Shallowest(facts.Manifests.Values.Select(manifests => manifests[0]))
            ?? Shallowest(facts.Files.Select(file => file.Path))
            ?? EmptyRepositoryPlace;
        return new SourceLocation(place, 0);
    }

    private static bool IsReadme(string path)
    {
        var name = path[(path.LastIndexOf('/') + 1)..];
        return name.Equals("README", StringComparison.OrdinalIgnoreCase) || name.StartsWith("README.", StringComparison.OrdinalIgnoreCase);
    }

    private static string? Shallowest(IEnumerable<string> paths) =>
        paths.OrderBy(path => path.Count(c => c == '/')).ThenBy(path => path, StringComparer.Ordinal).FirstOrDefault();
}
