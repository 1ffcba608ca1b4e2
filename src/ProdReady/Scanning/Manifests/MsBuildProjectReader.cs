using System.Xml.Linq;
using ProdReady.Model;
using static ProdReady.Scanning.Manifests.XmlManifest;

namespace ProdReady.Scanning.Manifests;

/// <summary>
/// MSBuild projects (*.csproj, *.fsproj, *.vbproj) and Directory.Build.props / Directory.Packages.props:
/// package references, central package versions, framework references, and the project SDK
/// (so that Microsoft.NET.Sdk.Web reveals ASP.NET Core). Everything in a test project is a development dependency.
/// </summary>
internal static class MsBuildProjectReader
{
    private const string TestSdk = "Microsoft.NET.Test.Sdk";

    private static readonly string[] ProjectExtensions = [".csproj", ".fsproj", ".vbproj"];

    private static readonly string[] PropsFiles = ["Directory.Build.props", "Directory.Packages.props"];

    private static readonly string[] TestProjectSuffixes = [".Tests", ".Test", ".UnitTests"];

    public static bool IsProjectFile(string fileName) =>
        ProjectExtensions.Any(extension => fileName.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
        || PropsFiles.Any(props => fileName.Equals(props, StringComparison.OrdinalIgnoreCase));

    public static ManifestParseResult Parse(string file, string content)
    {
        var result = new ManifestResultBuilder(Ecosystem.DotNet, file);
        if (LoadRoot(content, result) is not { } project)
            return result.Build();
        var elements = project.Descendants().ToList();
        var development = IsTestProject(file, elements);

        // Sdk="Microsoft.NET.Sdk.Web", or several: Sdk="Name/Version;Other".
        foreach (var sdk in (project.Attribute("Sdk")?.Value ?? "").Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var nameAndVersion = sdk.Split('/', 2, StringSplitOptions.TrimEntries);
            result.Add(nameAndVersion[0], nameAndVersion.ElementAtOrDefault(1), LineOf(project), development);
        }
        foreach (var element in elements)
        {
            switch (element.Name.LocalName)
            {
                case "Sdk":
                    AddNamed(result, element, element.Attribute("Name")?.Value, element.Attribute("Version")?.Value, development);
                    break;
                case "PackageReference" or "PackageVersion" or "GlobalPackageReference" when element.Attribute("Remove") is null:
                    AddNamed(result, element, (element.Attribute("Include") ?? element.Attribute("Update"))?.Value, PackageVersion(element), development);
                    break;
                case "FrameworkReference" when element.Attribute("Remove") is null:
                    AddNamed(result, element, element.Attribute("Include")?.Value, null, development);
                    break;
            }
        }
        return result.Build();
    }

    private static void AddNamed(ManifestResultBuilder result, XElement element, string? name, string? version, bool development)
    {
        if (string.IsNullOrWhiteSpace(name))
            result.Warn(LineOf(element), $"<{element.Name.LocalName}> names no package");
        else
            result.Add(name.Trim(), version, LineOf(element), development);
    }

    /// <summary>A Version attribute or child element; VersionOverride when central versions are overridden.</summary>
    private static string? PackageVersion(XElement reference) =>
        reference.Attribute("Version")?.Value ?? ChildText(reference, "Version")
        ?? reference.Attribute("VersionOverride")?.Value ?? ChildText(reference, "VersionOverride");

    private static bool IsTestProject(string file, List<XElement> elements)
    {
        var fileName = Path.GetFileNameWithoutExtension(file.Split('/')[^1]);
        return TestProjectSuffixes.Any(suffix => fileName.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            || elements.Any(e => e.Name.LocalName == "IsTestProject" && e.Value.Trim().Equals("true", StringComparison.OrdinalIgnoreCase))
            || elements.Any(e => e.Name.LocalName == "PackageReference" && e.Attribute("Include")?.Value.Trim() == TestSdk);
    }
}
