using ProdReady.Model;
using ProdReady.Scanning.Paths;

namespace ProdReady.Scanning.Manifests;

/// <summary>Finds and reads dependency manifests; which reader applies is decided by the file name alone.</summary>
public static class ManifestReader
{
    /// <summary>Whether the file is a manifest ProdReady reads. <paramref name="relativePath"/> uses '/'.</summary>
    public static bool IsManifest(string relativePath) => ReaderFor(relativePath) is not null;

    /// <summary>The dependencies a manifest declares. Never throws: bad input yields warnings and what could be read.</summary>
    public static ManifestParseResult Parse(string relativePath, string content)
    {
        if (ReaderFor(relativePath) is not { } read)
            return new ManifestParseResult([], []);
        try
        {
            return read(relativePath, content);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Every reader reports bad input itself; this only keeps a reader's own bug from ending a scan.
            return new ManifestParseResult([], [Diagnostic.Warning(relativePath, 0, $"could not read the manifest: {e.Message}")]);
        }
    }

    /// <summary>
    /// Manifests ordered by where a new dependency belongs, best first: production before test projects, a project's
    /// own manifest (package.json, pyproject.toml, a project file, go.mod, pom.xml, build.gradle) before shared or
    /// secondary ones (requirements files, Pipfile, Directory.*.props, packages.config, version catalogs), shallow
    /// before deep.
    /// </summary>
    public static IEnumerable<string> WhereDependenciesBelong(IEnumerable<string> manifests) => manifests
        .OrderBy(TestFiles.IsTest)
        .ThenBy(path => IsProjectManifest(path[(path.LastIndexOf('/') + 1)..]) ? 0 : 1)
        .ThenBy(path => path.Count(c => c == '/'))
        .ThenBy(path => path, StringComparer.Ordinal);

    private static bool IsProjectManifest(string fileName) => fileName.ToLowerInvariant() switch
    {
        "package.json" or "pyproject.toml" or "go.mod" or "pom.xml" or "build.gradle" or "build.gradle.kts" => true,
        _ => MsBuildProjectReader.IsProjectFile(fileName) && !fileName.EndsWith(".props", StringComparison.OrdinalIgnoreCase),
    };

    private static Func<string, string, ManifestParseResult>? ReaderFor(string relativePath)
    {
        var fileName = relativePath[(relativePath.LastIndexOf('/') + 1)..];
        return fileName.ToLowerInvariant() switch
        {
            "package.json" => PackageJsonReader.Parse,
            "pyproject.toml" => PyProjectReader.Parse,
            "pipfile" => PipfileReader.Parse,
            "packages.config" => PackagesConfigReader.Parse,
            "go.mod" => GoModReader.Parse,
            "pom.xml" => PomReader.Parse,
            "build.gradle" or "build.gradle.kts" => GradleReader.Parse,
            _ when VersionCatalogReader.IsVersionCatalog(fileName) => VersionCatalogReader.Parse,
            _ when MsBuildProjectReader.IsProjectFile(fileName) => MsBuildProjectReader.Parse,
            _ when RequirementsReader.IsRequirementsFile(relativePath) => RequirementsReader.Parse,
            _ => null,
        };
    }
}
