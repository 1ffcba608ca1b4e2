using ProdReady.Model;
using static ProdReady.Scanning.Manifests.XmlManifest;

namespace ProdReady.Scanning.Manifests;

/// <summary>packages.config (NuGet before PackageReference): &lt;package id="..." version="..." developmentDependency="true"/&gt;.</summary>
internal static class PackagesConfigReader
{
    public static ManifestParseResult Parse(string file, string content)
    {
        var result = new ManifestResultBuilder(Ecosystem.DotNet, file);
        if (LoadRoot(content, result) is not { } packages)
            return result.Build();
        foreach (var package in packages.Elements().Where(e => e.Name.LocalName == "package"))
        {
            var id = package.Attribute("id")?.Value.Trim();
            if (string.IsNullOrEmpty(id))
            {
                result.Warn(LineOf(package), "<package> without an id");
                continue;
            }
            var development = package.Attribute("developmentDependency")?.Value.Trim().Equals("true", StringComparison.OrdinalIgnoreCase) == true;
            result.Add(id, package.Attribute("version")?.Value, LineOf(package), development);
        }
        return result.Build();
    }
}
