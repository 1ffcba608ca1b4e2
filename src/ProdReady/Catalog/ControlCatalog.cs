using ProdReady.Model;

namespace ProdReady.Catalog;

/// <summary>The controls, frameworks and features a scan evaluates, after user rules have overridden built-in ones.</summary>
public sealed class ControlCatalog(
    IReadOnlyList<Control> controls,
    IReadOnlyList<FrameworkDefinition> frameworks,
    IReadOnlyList<FeatureDefinition> features)
{
    /// <summary>What a run that stopped on errors carries instead of a catalog.</summary>
    public static readonly ControlCatalog Empty = new([], [], []);

    private readonly Dictionary<string, Control> _byId = controls.ToDictionary(control => control.Id, StringComparer.Ordinal);

    /// <summary>Ordered by priority, then category order, then id: the order every report uses.</summary>
    public IReadOnlyList<Control> Controls { get; } = controls
        .OrderBy(control => control.Priority)
        .ThenBy(control => Category.All.ToList().IndexOf(control.Category))
        .ThenBy(control => control.Id, StringComparer.Ordinal)
        .ToArray();

    public IReadOnlyList<FrameworkDefinition> Frameworks { get; } = frameworks;

    public IReadOnlyList<FeatureDefinition> Features { get; } = features;

    public Control? Find(string id) => _byId.GetValueOrDefault(id);
}
