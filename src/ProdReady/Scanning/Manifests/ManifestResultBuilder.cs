using ProdReady.Model;

namespace ProdReady.Scanning.Manifests;

/// <summary>Collects the dependencies and warnings of one manifest file.</summary>
internal sealed class ManifestResultBuilder(string ecosystem, string file)
{
    private readonly List<DeclaredDependency> _dependencies = [];
    private readonly List<Diagnostic> _diagnostics = [];

    public void Add(string name, string? version, int line, bool development)
    {
        if (string.IsNullOrWhiteSpace(name))
            Warn(line, "a dependency with an empty name");
        else
            _dependencies.Add(new DeclaredDependency(ecosystem, name, string.IsNullOrWhiteSpace(version) ? null : version.Trim(), file, line, development));
    }

    public void Warn(int line, string message) => _diagnostics.Add(Diagnostic.Warning(file, line, message));

    public ManifestParseResult Build() => new(_dependencies, _diagnostics);
}
