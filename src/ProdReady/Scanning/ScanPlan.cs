using ProdReady.Catalog;
using ProdReady.Catalog.Detectors;
using ProdReady.Scanning.Content;
using ProdReady.Scanning.Manifests;
using ProdReady.Scanning.Structured;

namespace ProdReady.Scanning;

/// <summary>
/// What the file pass must collect, derived once from every detector in the catalog, so each file is
/// read at most once and only when some detector needs it.
/// </summary>
internal sealed class ScanPlan
{
    public ScanPlan(IEnumerable<Detector> roots)
    {
        var leaves = roots.SelectMany(root => root.DescendantsAndSelf()).ToArray();
        Content = new ContentSearch([.. leaves.OfType<ContentDetector>().Distinct(ReferenceEqualityComparer.Instance).Cast<ContentDetector>()]);
        Queries = leaves.OfType<QueryDetector>().Distinct(ReferenceEqualityComparer.Instance).Cast<QueryDetector>().ToArray();
    }

    public static ScanPlan For(ControlCatalog catalog) => new(catalog.Controls.Select(control => control.Detect).OfType<Detector>()
        .Concat(catalog.Frameworks.Select(framework => framework.Detect))
        .Concat(catalog.Features.Select(feature => feature.Detect)));

    public ContentSearch Content { get; }

    public IReadOnlyList<QueryDetector> Queries { get; }

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
