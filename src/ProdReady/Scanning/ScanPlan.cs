using ProdReady.Catalog;
using ProdReady.Catalog.Detectors;
using ProdReady.Scanning.Manifests;
using ProdReady.Scanning.Structured;

namespace ProdReady.Scanning;

/// <summary>
/// What the file pass must collect, derived once from every detector in the catalog, so each file is
/// read at most once and only when some detector needs it.
/// </summary>
internal sealed class ScanPlan
{
    private readonly Dictionary<string, ContentDetector[]> _contentByLanguage;
    private readonly ContentDetector[] _contentByGlobOnly;

    public ScanPlan(IEnumerable<Detector> roots)
    {
        var leaves = roots.SelectMany(root => root.DescendantsAndSelf()).ToArray();
        Content = leaves.OfType<ContentDetector>().Distinct(ReferenceEqualityComparer.Instance).Cast<ContentDetector>().ToArray();
        Queries = leaves.OfType<QueryDetector>().Distinct(ReferenceEqualityComparer.Instance).Cast<QueryDetector>().ToArray();
        _contentByLanguage = Languages.All.ToDictionary(
            language => language,
            language => Content.Where(detector => detector.Languages.Contains(language)).ToArray());
        _contentByGlobOnly = Content.Where(detector => detector.Languages.Count == 0).ToArray();
    }

    public static ScanPlan For(ControlCatalog catalog) => new(catalog.Controls.Select(control => control.Detect).OfType<Detector>()
        .Concat(catalog.Frameworks.Select(framework => framework.Detect))
        .Concat(catalog.Features.Select(feature => feature.Detect)));

    public IReadOnlyList<ContentDetector> Content { get; }

    public IReadOnlyList<QueryDetector> Queries { get; }

    /// <summary>The content detectors that search this file: by language, narrowed by their globs; test files only for those that ask.</summary>
    public List<ContentDetector> ContentFor(RepoFile file)
    {
        var result = new List<ContentDetector>();
        foreach (var detector in _contentByLanguage.GetValueOrDefault(file.Language, []))
        {
            if ((detector.Tests || !file.IsTest) && (detector.Files.Count == 0 || detector.Files.Any(glob => glob.IsMatch(file.Path))))
            {
                result.Add(detector);
            }
        }
        foreach (var detector in _contentByGlobOnly)
        {
            if ((detector.Tests || !file.IsTest) && detector.Files.Any(glob => glob.IsMatch(file.Path)))
            {
                result.Add(detector);
            }
        }
        return result;
    }

    /// <summary>Structured files: every YAML file (it may be a Kubernetes manifest), JSON only when a query names it.</summary>
    public bool IsStructured(RepoFile file)
    {
        if (Queries.Count == 0)
        {
            return false;
        }
        if (file.Language == Languages.Yaml)
        {
            return true;
        }
        return (file.Language == Languages.Json || DocumentKinds.OfPath(file.Path) is not null)
            && (DocumentKinds.OfPath(file.Path) is not null || Queries.Any(query => query.InGlob?.IsMatch(file.Path) == true));
    }

    public static bool IsManifest(RepoFile file) => ManifestReader.IsManifest(file.Path);

    /// <summary>A Dockerfile of the service; a dev container's image is the developers' environment, not what ships.</summary>
    public static bool IsDockerfile(RepoFile file) =>
        file.Language == Languages.Dockerfile && !file.Path.Split('/').Contains(".devcontainer", StringComparer.Ordinal);
}
