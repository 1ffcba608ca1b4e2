using ProdReady.Model;
using static ProdReady.Scanning.Manifests.TomlManifest;

namespace ProdReady.Scanning.Manifests;

/// <summary>Pipenv's Pipfile: [packages] and [dev-packages].</summary>
internal static class PipfileReader
{
    public static ManifestParseResult Parse(string file, string content)
    {
        var result = new ManifestResultBuilder(Ecosystem.Python, file);
        var root = Load(content, result);
        AddPackageTable(result, root.TableAt("packages"), development: false);
        AddPackageTable(result, root.TableAt("dev-packages"), development: true);
        return result.Build();
    }
}
