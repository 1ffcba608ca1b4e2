using ProdReady.Model;

namespace ProdReady.Scanning.Manifests;

/// <summary>go.mod: require directives, single or in blocks; "// indirect" requirements count too.</summary>
internal static class GoModReader
{
    private static readonly HashSet<string> OtherDirectives = new(StringComparer.Ordinal)
    {
        "module", "go", "toolchain", "godebug", "replace", "exclude", "retract", "tool", "ignore",
    };

    public static ManifestParseResult Parse(string file, string content)
    {
        var result = new ManifestResultBuilder(Ecosystem.Go, file);
        var lines = content.Split('\n');
        (string Directive, int Line)? block = null;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = i + 1;
            var text = WithoutComment(lines[i]);
            if (text.Length == 0)
                continue;
            if (block is { } open)
            {
                if (text == ")")
                    block = null;
                else if (open.Directive == "require")
                    AddRequirement(result, text, line);
                continue;
            }
            var parts = text.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var directive = parts[0];
            var arguments = parts.ElementAtOrDefault(1) ?? "";
            if (directive != "require" && !OtherDirectives.Contains(directive))
                result.Warn(line, $"unknown directive '{directive}'");
            else if (arguments == "(")
                block = (directive, line);
            else if (directive == "require")
                AddRequirement(result, arguments, line);
        }
        if (block is { } unclosed)
            result.Warn(unclosed.Line, $"the '{unclosed.Directive} (' block is not closed");
        return result.Build();
    }

    private static string WithoutComment(string line)
    {
        var comment = line.IndexOf("//", StringComparison.Ordinal);
        return (comment < 0 ? line : line[..comment]).Trim();
    }

    private static void AddRequirement(ManifestResultBuilder result, string text, int line)
    {
        var parts = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2)
        {
            result.Warn(line, $"expected 'module/path version' in require, found '{text}'");
            return;
        }
        // Paths and versions may be quoted: "example.com/m" or `example.com/m`.
        result.Add(parts[0].Trim('"', '`'), parts[1].Trim('"', '`'), line, development: false);
    }
}
