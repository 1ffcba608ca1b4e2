using ProdReady.Model;
using ProdReady.Scanning.Manifests.Toml;
using static ProdReady.Scanning.Manifests.TomlManifest;

namespace ProdReady.Scanning.Manifests;

/// <summary>
/// pyproject.toml: PEP 621 [project] dependencies and optional-dependencies, PEP 735 [dependency-groups] (all
/// development), and Poetry's [tool.poetry] dependencies, dev-dependencies and groups (development unless "main").
/// </summary>
internal static class PyProjectReader
{
    private static readonly HashSet<string> DevelopmentExtras = new(StringComparer.Ordinal)
    {
        "dev", "test", "tests", "testing", "lint", "docs", "typing",
    };

    public static ManifestParseResult Parse(string file, string content)
    {
        var result = new ManifestResultBuilder(Ecosystem.Python, file);
        var root = Load(content, result);

        if (root.TableAt("project") is { } project)
        {
            AddRequirements(result, project["dependencies"], development: false, "project.dependencies");
            foreach (var (extra, requirements) in project.TableAt("optional-dependencies")?.Entries ?? [])
                AddRequirements(result, requirements, IsDevelopmentExtra(extra), $"project.optional-dependencies.{extra}");
        }
        foreach (var (group, requirements) in root.TableAt("dependency-groups")?.Entries ?? [])
            AddRequirements(result, requirements, development: true, $"dependency-groups.{group}");

        if (root.TableAt("tool", "poetry") is { } poetry)
        {
            AddPackageTable(result, poetry.TableAt("dependencies"), development: false);
            AddPackageTable(result, poetry.TableAt("dev-dependencies"), development: true);
            foreach (var (group, definition) in poetry.TableAt("group")?.Entries ?? [])
            {
                if (definition is TomlTable groupTable)
                    AddPackageTable(result, groupTable.TableAt("dependencies"), development: group != "main");
            }
        }
        return result.Build();
    }

    // Extra names compare as PEP 685 says, the same way as package names.
    private static bool IsDevelopmentExtra(string extra) => DevelopmentExtras.Contains(DependencyName.Normalize(Ecosystem.Python, extra));
}
