using ProdReady.Model;
using ProdReady.Scanning.Manifests;

namespace ProdReady.Scanning.Evaluation;

/// <summary>
/// Compares a rule's dependency name with a declared one, as the ecosystem names things: normalised,
/// a trailing * as a prefix, and for Java a bare artifact id matching any group.
/// </summary>
internal sealed class DependencyMatcher
{
    private readonly string _ecosystem;
    private readonly string _name;
    private readonly bool _prefix;
    private readonly bool _artifactOnly;

    public DependencyMatcher(string ecosystem, string ruleName)
    {
        _ecosystem = ecosystem;
        _prefix = ruleName.EndsWith('*');
        _name = DependencyName.Normalize(ecosystem, _prefix ? ruleName[..^1] : ruleName);
        _artifactOnly = ecosystem == Ecosystem.Java && !ruleName.Contains(':');
    }

    public bool IsMatch(string declaredName)
    {
        var name = DependencyName.Normalize(_ecosystem, declaredName);
        if (_artifactOnly && name.IndexOf(':') is var colon and >= 0)
        {
            name = name[(colon + 1)..];
        }
        return _prefix ? name.StartsWith(_name, StringComparison.Ordinal) : name == _name;
    }
}
