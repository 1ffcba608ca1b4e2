using System.Text.RegularExpressions;
using ProdReady.Model;

namespace ProdReady.Scanning.Manifests;

/// <summary>
/// build.gradle and build.gradle.kts. A build script is code, not data: this reader does not run it; it reads the
/// common declarative forms statement by statement (a statement ends at a line break outside parentheses, unless
/// the line ends with ',', ':' or '='), tracking which { } block each statement is in:
/// dependencies { } entries in string ("g:a:v"), map (group: / group =) and platform(...) forms, plugins { } ids,
/// and "apply plugin:". Catalog references (libs.x) are read from the catalog itself (<see cref="VersionCatalogReader"/>);
/// variables and computed coordinates are not resolved.
/// </summary>
internal static class GradleReader
{
    private static readonly Regex Coordinates = new(
        @"^(?<group>[\w.${}-]+):(?<artifact>[\w.${}-]+)(?::(?<version>[^:@\s]*))?(?::[^:@\s]+)?(?:@\w+)?$",
        RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);

    public static ManifestParseResult Parse(string file, string content)
    {
        var result = new ManifestResultBuilder(Ecosystem.Java, file);
        var tokens = GradleTokenizer.Tokenize(content, out var error);
        var blocks = new Stack<(string Name, int Line)>();
        var statement = new List<GradleToken>();
        var parentheses = 0;
        var lastStatementName = "";

        void EndStatement()
        {
            if (statement.Count > 0)
            {
                Read(result, statement, blocks);
                lastStatementName = statement[0].Text;
            }
            statement.Clear();
            parentheses = 0;
        }

        foreach (var token in tokens)
        {
            if (token.Kind == GradleTokenKind.NewLine && (parentheses > 0 || statement is [.., { Kind: GradleTokenKind.Symbol, Text: "," or ":" or "=" }]))
                continue;
            if (token.Kind == GradleTokenKind.NewLine || token.Is(";"))
                EndStatement();
            else if (token.Is("{"))
            {
                // The block is named by its statement: "dependencies {", or "dependencies" alone on the line before.
                var name = statement.Count > 0 ? statement[0].Text : lastStatementName;
                EndStatement();
                blocks.Push((name, token.Line));
            }
            else if (token.Is("}"))
            {
                EndStatement();
                if (!blocks.TryPop(out _))
                    result.Warn(token.Line, "'}' closes no block");
            }
            else
            {
                parentheses = Math.Max(0, parentheses + (token.Is("(") || token.Is("[") ? 1 : token.Is(")") || token.Is("]") ? -1 : 0));
                statement.Add(token);
            }
        }
        EndStatement();
        foreach (var open in blocks)
            result.Warn(open.Line, $"the '{open.Name} {{' block is not closed");
        if (error is { } syntax)
            result.Warn(syntax.Line, syntax.Message);
        return result.Build();
    }

    private static void Read(ManifestResultBuilder result, List<GradleToken> statement, Stack<(string Name, int Line)> blocks)
    {
        var block = blocks.TryPeek(out var top) ? top.Name : "";
        if (block == "dependencies" || (block == "constraints" && blocks.ElementAtOrDefault(1).Name == "dependencies"))
            ReadDependency(result, statement);
        else if (block == "plugins")
            ReadPlugin(result, statement);
        if (statement[0].Text == "apply" && NamedArguments(statement).TryGetValue("plugin", out var plugin))
            result.Add(plugin.Text, null, plugin.Line, development: false);
    }

    /// <summary>
    /// configuration "g:a:v" | configuration("g:a:v") | configuration platform("g:a:v") | configuration group: "g", name: "a" |
    /// configuration(group = "g", name = "a"); a Kotlin configuration may be quoted: "developmentOnly"("g:a").
    /// </summary>
    private static void ReadDependency(ManifestResultBuilder result, List<GradleToken> statement)
    {
        var configuration = statement[0];
        if (configuration.Kind is not (GradleTokenKind.Word or GradleTokenKind.String) || !IsCall(statement))
            return;
        var development = configuration.Text.StartsWith("test", StringComparison.Ordinal)
            || configuration.Text.Contains("Test", StringComparison.Ordinal)
            || configuration.Text == "developmentOnly";
        var arguments = statement[1..];
        var named = NamedArguments(arguments);
        if (named.TryGetValue("name", out var artifact))
        {
            var name = named.TryGetValue("group", out var group) ? $"{group.Text}:{artifact.Text}" : artifact.Text;
            result.Add(name, named.TryGetValue("version", out var version) ? version.Text : null, configuration.Line, development);
            return;
        }
        foreach (var argument in arguments.Where(token => token.Kind == GradleTokenKind.String))
        {
            var match = Coordinates.Match(argument.Text);
            if (match.Success)
                result.Add($"{match.Groups["group"].Value}:{match.Groups["artifact"].Value}", match.Groups["version"].Value, argument.Line, development);
        }
    }

    /// <summary>Rules out assignments (val x = "g:a:v") and other statements that merely start with a word.</summary>
    private static bool IsCall(List<GradleToken> statement) =>
        statement.Count > 1
        && (statement[1].Is("(") || statement[1].Kind == GradleTokenKind.String
            || (statement[1].Kind == GradleTokenKind.Word && statement.Count > 2 && (statement[2].Is("(") || statement[2].Is(":"))));

    /// <summary>id "x" version "v" | id("x") version("v") | kotlin("jvm") version "v" (the plugin org.jetbrains.kotlin.jvm).</summary>
    private static void ReadPlugin(ManifestResultBuilder result, List<GradleToken> statement)
    {
        var prefix = statement[0].Text switch
        {
            "id" => "",
            "kotlin" => "org.jetbrains.kotlin.",
            _ => null,
        };
        var id = statement.FirstOrDefault(token => token.Kind == GradleTokenKind.String);
        if (prefix is null || id.Kind != GradleTokenKind.String)
            return;
        var versionKeyword = statement.FindIndex(token => token is { Kind: GradleTokenKind.Word, Text: "version" });
        var version = statement.Skip(versionKeyword + 1).FirstOrDefault(token => !token.Is("("));
        result.Add(prefix + id.Text, versionKeyword >= 0 && version.Kind == GradleTokenKind.String ? version.Text : null, id.Line, development: false);
    }

    /// <summary>Groovy map entries (key: "value") and Kotlin named arguments (key = "value") with string values.</summary>
    private static Dictionary<string, GradleToken> NamedArguments(List<GradleToken> tokens)
    {
        var named = new Dictionary<string, GradleToken>(StringComparer.Ordinal);
        for (var i = 0; i + 2 < tokens.Count; i++)
        {
            if (tokens[i].Kind == GradleTokenKind.Word && (tokens[i + 1].Is(":") || tokens[i + 1].Is("=")) && tokens[i + 2].Kind == GradleTokenKind.String)
                named.TryAdd(tokens[i].Text, tokens[i + 2]);
        }
        return named;
    }
}
