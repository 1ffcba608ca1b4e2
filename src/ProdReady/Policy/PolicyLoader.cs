using ProdReady.Catalog;
using ProdReady.Model;

namespace ProdReady.Policy;

/// <summary>A repository's policy and the catalog it extends, or every error that stops a run (exit 2).</summary>
public sealed record LoadedPolicy(PolicyFile Policy, ControlCatalog Catalog, IReadOnlyList<Diagnostic> Errors)
{
    public bool Ok => Errors.Count == 0;
}

/// <summary>Loads prodready.yml (when the repository has one), then the catalog with its extra rule folders, then
/// checks that every control the file names exists.</summary>
public static class PolicyLoader
{
    public static LoadedPolicy Load(string repositoryRoot)
    {
        var path = Path.Combine(repositoryRoot, PolicyFile.FileName);
        // A folder or a dangling link by that name is a mistake to report, not a reason to judge by the defaults.
        var entry = new FileInfo(path);
        if (!entry.Exists && entry.LinkTarget is null && !Directory.Exists(path))
        {
            var builtIn = CatalogLoader.LoadFor(repositoryRoot);
            return new LoadedPolicy(PolicyFile.Default, builtIn.Catalog, builtIn.Errors);
        }
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Failed(Diagnostic.Error(PolicyFile.FileName, 0, $"cannot read: {e.Message}"));
        }
        var parser = new PolicyFileParser(PolicyFile.FileName, repositoryRoot);
        if (parser.Parse(text) is not { } policy)
        {
            return new LoadedPolicy(PolicyFile.Default, ControlCatalog.Empty, parser.Errors);
        }
        var catalog = CatalogLoader.LoadFor(repositoryRoot, policy.RuleFolders);
        var unknown = policy.Controls
            .Where(declaration => catalog.Catalog.Find(declaration.ControlId) is null)
            .Select(declaration => Diagnostic.Error(declaration.Origin.File, declaration.Origin.Line,
                $"no control with id '{declaration.ControlId}'{Suggestion(declaration.ControlId, catalog.Catalog)}; `prodready rules list` shows them all"));
        return new LoadedPolicy(policy, catalog.Catalog, [.. catalog.Errors, .. unknown]);
    }

    private static LoadedPolicy Failed(Diagnostic error) => new(PolicyFile.Default, ControlCatalog.Empty, [error]);

    /// <summary>" (did you mean sec.hsts?)" for a near miss: same prefix and a shared word.</summary>
    private static string Suggestion(string id, ControlCatalog catalog)
    {
        var words = id.Split(['.', '-'], StringSplitOptions.RemoveEmptyEntries);
        var best = catalog.Controls
            .Select(control => (control.Id, Shared: control.Id.Split(['.', '-'], StringSplitOptions.RemoveEmptyEntries).Intersect(words, StringComparer.Ordinal).Count()))
            .Where(candidate => candidate.Shared >= 2)
            .MaxBy(candidate => candidate.Shared);
        return best.Id is null ? "" : $" (did you mean {best.Id}?)";
    }
}
