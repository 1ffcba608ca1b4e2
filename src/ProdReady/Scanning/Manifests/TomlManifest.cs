using ProdReady.Scanning.Manifests.Toml;

namespace ProdReady.Scanning.Manifests;

/// <summary>The two shapes Python TOML manifests declare dependencies in.</summary>
internal static class TomlManifest
{
    /// <summary>The document's root table; after a syntax error, what was read before it, and a warning.</summary>
    public static TomlTable Load(string content, ManifestResultBuilder result)
    {
        var document = TomlReader.Parse(content);
        if (document.Error is { } error)
            result.Warn(error.Line, $"malformed TOML: {error.Message}");
        return document.Root;
    }

    /// <summary>An array of PEP 508 strings (PEP 621, PEP 735). Tables in it ({include-group = "..."}) name no package.</summary>
    public static void AddRequirements(ManifestResultBuilder result, TomlNode? node, bool development, string key)
    {
        if (node is null)
            return;
        if (node is not TomlArray array)
        {
            result.Warn(node.Line, $"'{key}' should be an array of requirement strings");
            return;
        }
        foreach (var item in array.Items)
        {
            if (item is TomlScalar { IsString: true } requirement)
            {
                if (Pep508Requirement.TryParse(requirement.Text, out var parsed, out var error))
                    result.Add(parsed.Name, parsed.Version, requirement.Line, development);
                else
                    result.Warn(requirement.Line, error);
            }
            else if (item is not TomlTable)
                result.Warn(item.Line, $"'{key}' should hold requirement strings");
        }
    }

    /// <summary>
    /// A table of name = version (Poetry, Pipfile): the version is a string ("^2.31", "*") or sits in an inline
    /// table ({version = "^1", extras = [...]}); git, path and multi-constraint entries have none. The python entry
    /// constrains the interpreter and is no dependency.
    /// </summary>
    public static void AddPackageTable(ManifestResultBuilder result, TomlTable? table, bool development)
    {
        foreach (var (name, value) in table?.Entries ?? [])
        {
            if (name.Equals("python", StringComparison.OrdinalIgnoreCase))
                continue;
            var version = value switch
            {
                TomlScalar { IsString: true } text => text.Text,
                TomlTable { } details when details["version"] is TomlScalar { IsString: true } text => text.Text,
                _ => null,
            };
            result.Add(name, version, value.Line, development);
        }
    }
}
