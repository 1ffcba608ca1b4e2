using ProdReady.Model;

namespace ProdReady.Catalog;

/// <summary>A loaded catalog, or the errors that stop a scan (exit 2).</summary>
public sealed record CatalogLoadResult(ControlCatalog Catalog, IReadOnlyList<Diagnostic> Errors)
{
    public bool Ok => Errors.Count == 0;
}

/// <summary>
/// Loads rule sources in layers: built-in first, then each user layer. Within a layer an id must be unique;
/// a later layer's entry replaces an earlier one with the same id.
/// </summary>
public static class CatalogLoader
{
    public static CatalogLoadResult LoadBuiltIn() => Load([RuleSource.BuiltIn()]);

    /// <summary>
    /// The built-in catalog overridden by `.prodready/rules/` of the scanned repository, when it exists, then by each
    /// extra folder (prodready.yml's `rules`, relative to the repository root) in order.
    /// </summary>
    public static CatalogLoadResult LoadFor(string repositoryRoot, IReadOnlyList<string>? extraFolders = null) =>
        Load([
            RuleSource.BuiltIn(),
            RuleSource.FromDirectory(Path.Combine(repositoryRoot, ".prodready", "rules"), repositoryRoot),
            .. (extraFolders ?? []).Select(folder => RuleSource.FromDirectory(Path.Combine(repositoryRoot, folder), repositoryRoot)),
        ]);

    public static CatalogLoadResult Load(IEnumerable<IReadOnlyList<RuleSource>> layers)
    {
        var controls = new Dictionary<string, Control>(StringComparer.Ordinal);
        var frameworks = new Dictionary<string, FrameworkDefinition>(StringComparer.Ordinal);
        var features = new Dictionary<string, FeatureDefinition>(StringComparer.Ordinal);
        var errors = new List<Diagnostic>();
        foreach (var layer in layers)
        {
            var layerControls = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
            var layerFrameworks = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
            var layerFeatures = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
            foreach (var source in layer)
            {
                var parser = new RuleFileParser(source.Name);
                parser.Parse(source.Text);
                errors.AddRange(parser.Errors);
                Merge(parser.Controls, control => control.Id, control => control.Origin, controls, layerControls, errors);
                Merge(parser.Frameworks, framework => framework.Id, framework => framework.Origin, frameworks, layerFrameworks, errors);
                Merge(parser.Features, feature => feature.Id, feature => feature.Origin, features, layerFeatures, errors);
            }
        }
        CheckFeatureReferences(controls.Values, features.Keys.ToHashSet(), errors);
        var catalog = new ControlCatalog([.. controls.Values], [.. frameworks.Values.OrderBy(f => f.Id, StringComparer.Ordinal)], [.. features.Values.OrderBy(f => f.Id, StringComparer.Ordinal)]);
        return new CatalogLoadResult(catalog, errors);
    }

    private static void Merge<T>(
        IEnumerable<T> items,
        Func<T, string> key,
        Func<T, SourceLocation> origin,
        Dictionary<string, T> into,
        Dictionary<string, SourceLocation> seenInLayer,
        List<Diagnostic> errors)
    {
        foreach (var item in items)
        {
            var id = key(item);
            var location = origin(item);
            if (seenInLayer.TryGetValue(id, out var first))
            {
                errors.Add(Diagnostic.Error(location.File, location.Line, $"duplicate id {id}; first defined at {first}"));
                continue;
            }
            seenInLayer[id] = location;
            into[id] = item;
        }
    }

    private static void CheckFeatureReferences(IEnumerable<Control> controls, HashSet<string> known, List<Diagnostic> errors)
    {
        if (known.Count == 0)
        {
            return;
        }
        foreach (var control in controls)
        {
            foreach (var feature in control.Applies.Features.Where(feature => !known.Contains(feature)))
            {
                errors.Add(Diagnostic.Error(control.Origin.File, control.Origin.Line, $"control {control.Id} requires unknown feature '{feature}'; known: {string.Join(", ", known.Order())}"));
            }
        }
    }
}
