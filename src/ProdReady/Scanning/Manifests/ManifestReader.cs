using ProdReady.Model;

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
