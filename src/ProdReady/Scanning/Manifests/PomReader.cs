using System.Xml.Linq;
using ProdReady.Model;
using static ProdReady.Scanning.Manifests.XmlManifest;

namespace ProdReady.Scanning.Manifests;

/// <summary>
/// Maven pom.xml: the parent POM, the dependencies of the project and of its profiles, and dependencyManagement
/// entries, each named "groupId:artifactId"; scope test is development. Plugin dependencies are build tooling and
/// are left out. A dependency's line is its artifactId's, the line that names it.
/// </summary>
internal static class PomReader
{
    public static ManifestParseResult Parse(string file, string content)
    {
        var result = new ManifestResultBuilder(Ecosystem.Java, file);
        if (LoadRoot(content, result) is not { } project)
            return result.Build();
        if (project.Name.LocalName != "project")
        {
            result.Warn(LineOf(project), $"the root element is <{project.Name.LocalName}>, not a Maven <project>");
            return result.Build();
        }
        if (Child(project, "parent") is { } parent)
            AddArtifact(result, parent, development: false);
        foreach (var dependency in project.Descendants().Where(IsDeclaredDependency))
            AddArtifact(result, dependency, development: ChildText(dependency, "scope") == "test");
        return result.Build();
    }

    private static bool IsDeclaredDependency(XElement element) =>
        element.Name.LocalName == "dependency"
        && element.Parent is { Name.LocalName: "dependencies" } list
        && list.Parent?.Name.LocalName is "project" or "profile" or "dependencyManagement";

    private static void AddArtifact(ManifestResultBuilder result, XElement element, bool development)
    {
        var groupId = ChildText(element, "groupId");
        var artifactId = ChildText(element, "artifactId");
        if (groupId is null || artifactId is null)
        {
            result.Warn(LineOf(element), $"<{element.Name.LocalName}> needs both a groupId and an artifactId");
            return;
        }
        result.Add($"{groupId}:{artifactId}", ChildText(element, "version"), LineOf(Child(element, "artifactId")!), development);
    }
}
