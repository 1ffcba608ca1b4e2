using System.Collections.Frozen;
using ProdReady.Model;

namespace ProdReady.Scanning;

/// <summary>The language ids rules use, and how a file's language is told from its name.</summary>
public static class Languages
{
    public const string JavaScript = "javascript";
    public const string TypeScript = "typescript";
    public const string Python = "python";
    public const string CSharp = "csharp";
    public const string Go = "go";
    public const string Java = "java";
    public const string Kotlin = "kotlin";
    public const string Yaml = "yaml";
    public const string Json = "json";
    public const string Toml = "toml";
    public const string Xml = "xml";
    public const string Dockerfile = "dockerfile";
    public const string Shell = "shell";
    public const string Markdown = "markdown";
    public const string Sql = "sql";
    public const string Text = "text";

    public static readonly IReadOnlyList<string> All =
        [JavaScript, TypeScript, Python, CSharp, Go, Java, Kotlin, Yaml, Json, Toml, Xml, Dockerfile, Shell, Markdown, Sql, Text];

    private static readonly FrozenDictionary<string, string> ByExtension = new Dictionary<string, string>
    {
        ["js"] = JavaScript, ["mjs"] = JavaScript, ["cjs"] = JavaScript, ["jsx"] = JavaScript,
        ["ts"] = TypeScript, ["tsx"] = TypeScript, ["mts"] = TypeScript, ["cts"] = TypeScript,
        ["py"] = Python, ["pyi"] = Python,
        ["cs"] = CSharp,
        ["go"] = Go,
        ["java"] = Java,
        ["kt"] = Kotlin, ["kts"] = Kotlin,
        ["yml"] = Yaml, ["yaml"] = Yaml,
        ["json"] = Json, ["jsonc"] = Json,
        ["toml"] = Toml,
        ["xml"] = Xml, ["csproj"] = Xml, ["fsproj"] = Xml, ["vbproj"] = Xml, ["props"] = Xml, ["targets"] = Xml,
        ["config"] = Xml,
        ["dockerfile"] = Dockerfile,
        ["sh"] = Shell, ["bash"] = Shell, ["zsh"] = Shell,
        ["md"] = Markdown, ["markdown"] = Markdown,
        ["sql"] = Sql,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    // Looks extensions up by span so detecting a language allocates nothing.
    private static readonly FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> ByExtensionSpan =
        ByExtension.GetAlternateLookup<ReadOnlySpan<char>>();

    public static bool IsKnown(string id) => All.Contains(id, StringComparer.Ordinal);

    /// <summary>The language of a file from its name; <see cref="Text"/> when the name says nothing.</summary>
    public static string Detect(string relativePath)
    {
        var path = relativePath.AsSpan();
        var name = path[(path.LastIndexOfAny('/', '\\') + 1)..];
        if (IsDockerfileName(name))
        {
            return Dockerfile;
        }
        int dot = name.LastIndexOf('.');
        if (dot < 0)
        {
            return Text;
        }
        return ByExtensionSpan.TryGetValue(name[(dot + 1)..], out var language) ? language : Text;
    }

    /// <summary>The ecosystem a source language belongs to (<see cref="Ecosystem"/>), or null for data and docs.</summary>
    public static string? EcosystemOf(string language) => language switch
    {
        JavaScript or TypeScript => Ecosystem.Node,
        Python => Ecosystem.Python,
        CSharp => Ecosystem.DotNet,
        Go => Ecosystem.Go,
        Java or Kotlin => Ecosystem.Java,
        _ => null,
    };

    /// <summary>True for the programming languages of the ecosystems ProdReady understands.</summary>
    public static bool IsSource(string language) => EcosystemOf(language) is not null;

    // Dockerfile, Dockerfile.prod, Containerfile; "*.Dockerfile" is handled by the extension table.
    // "Dockerfile.dockerignore" is BuildKit's per-Dockerfile ignore list, not a Dockerfile.
    private static bool IsDockerfileName(ReadOnlySpan<char> name) =>
        name.Equals("Dockerfile", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Containerfile", StringComparison.OrdinalIgnoreCase)
        || (name.StartsWith("Dockerfile.", StringComparison.OrdinalIgnoreCase)
            && !name.EndsWith(".dockerignore", StringComparison.OrdinalIgnoreCase));
}
