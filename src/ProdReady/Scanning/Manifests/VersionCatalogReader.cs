using ProdReady.Model;
using ProdReady.Scanning.Manifests.Toml;
using static ProdReady.Scanning.Manifests.TomlManifest;

namespace ProdReady.Scanning.Manifests;

/// <summary>
/// Gradle version catalogs (gradle/libs.versions.toml): where builds that write `implementation(libs.x)` declare
/// their coordinates. Every [libraries] entry ("g:a:v", {module = "g:a"} or {group, name}) and every [plugins] id
/// counts as declared; version references are resolved from [versions].
/// </summary>
internal static class VersionCatalogReader
{
    public static bool IsVersionCatalog(string fileName) => fileName.EndsWith(".versions.toml", StringComparison.Ordinal);

    public static ManifestParseResult Parse(string file, string content)
    {
        var result = new ManifestResultBuilder(Ecosystem.Java, file);
        var root = Load(content, result);
        var versions = root.TableAt("versions");
        foreach (var (alias, entry) in root.TableAt("libraries")?.Entries ?? [])
        {
            if (Library(entry, versions) is { } library)
                result.Add(library.Coordinates, library.Version, entry.Line, development: false);
            else
                result.Warn(entry.Line, $"library '{alias}' names no module (\"group:name\", module = or group = and name =)");
        }
        foreach (var (alias, entry) in root.TableAt("plugins")?.Entries ?? [])
        {
            var (id, version) = entry switch
            {
                TomlScalar { IsString: true } text => (text.Text.Split(':')[0], text.Text.Split(':').ElementAtOrDefault(1)),
                TomlTable table => (String(table["id"]), VersionOf(table, versions)),
                _ => (null, null),
            };
            if (id is not null)
                result.Add(id, version, entry.Line, development: false);
            else
                result.Warn(entry.Line, $"plugin '{alias}' names no id");
        }
        return result.Build();
    }

    private static (string Coordinates, string? Version)? Library(TomlNode entry, TomlTable? versions)
    {
        if (entry is TomlScalar { IsString: true } text)
        {
            var parts = text.Text.Split(':');
            return parts.Length >= 2 ? ($"{parts[0]}:{parts[1]}", parts.ElementAtOrDefault(2)) : null;
        }
        if (entry is not TomlTable table)
            return null;
        var coordinates = String(table["module"]) ?? (String(table["group"]) is { } group && String(table["name"]) is { } name ? $"{group}:{name}" : null);
        return coordinates is null ? null : (coordinates, VersionOf(table, versions));
    }

    // version = "1.2", version.ref = "alias" (a table {ref = ...}), or a rich version {strictly/require/prefer = ...}.
    private static string? VersionOf(TomlTable table, TomlTable? versions) => table["version"] switch
    {
        TomlScalar { IsString: true } text => text.Text,
        TomlTable version when String(version["ref"]) is { } reference => String(versions?[reference]),
        TomlTable version => String(version["strictly"]) ?? String(version["require"]) ?? String(version["prefer"]),
        _ => null,
    };

    private static string? String(TomlNode? node) => node is TomlScalar { IsString: true } text ? text.Text : null;
}
