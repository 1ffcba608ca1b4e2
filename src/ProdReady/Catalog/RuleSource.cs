using System.Reflection;

namespace ProdReady.Catalog;

/// <summary>One rule file's text and the name to report it by ("rules/security.yaml").</summary>
public sealed record RuleSource(string Name, string Text)
{
    private const string EmbeddedPrefix = "rules/";

    /// <summary>Every rules/**/*.yaml embedded in this assembly at build time.</summary>
    public static IReadOnlyList<RuleSource> BuiltIn()
    {
        var assembly = typeof(RuleSource).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(EmbeddedPrefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name => new RuleSource(name, ReadResource(assembly, name)))
            .ToArray();
    }

    /// <summary>Every *.yaml / *.yml below <paramref name="directory"/>, named relative to <paramref name="displayRoot"/>.</summary>
    public static IReadOnlyList<RuleSource> FromDirectory(string directory, string displayRoot)
    {
        if (!Directory.Exists(directory))
        {
            return [];
        }
        return Directory.EnumerateFiles(directory, "*.*", SearchOption.AllDirectories)
            .Where(path => path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .Select(path => new RuleSource(Path.GetRelativePath(displayRoot, path).Replace('\\', '/'), File.ReadAllText(path)))
            .ToArray();
    }

    private static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
