using System.Text;
using System.Text.Json;
using ProdReady.Model;
using ProdReady.Scanning.Structured;

namespace ProdReady.Scanning.Manifests;

/// <summary>
/// package.json: dependencies, optionalDependencies and peerDependencies (production) and devDependencies.
/// Read token by token so every name keeps its line, and a syntax error still leaves what came before it.
/// </summary>
internal static class PackageJsonReader
{
    private static readonly Dictionary<string, bool> Sections = new(StringComparer.Ordinal)
    {
        ["dependencies"] = false,
        ["optionalDependencies"] = false,
        ["peerDependencies"] = false,
        ["devDependencies"] = true,
    };

    public static ManifestParseResult Parse(string file, string content)
    {
        var result = new ManifestResultBuilder(Ecosystem.Node, file);
        var utf8 = Encoding.UTF8.GetBytes(content.TrimStart('\uFEFF'));
        var lines = new LineIndex(utf8);
        var reader = new Utf8JsonReader(utf8);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                result.Warn(1, "package.json is not a JSON object");
                return result.Build();
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var section = reader.GetString()!;
                reader.Read();
                if (Sections.TryGetValue(section, out var development))
                    ReadSection(ref reader, result, lines, section, development);
                else
                    reader.Skip();
            }
            // Reading past the object reports any text after it.
            reader.Read();
        }
        catch (JsonException e)
        {
            result.Warn((int)(e.LineNumber ?? 0) + 1, $"malformed JSON: {StructuredParser.WithoutPosition(e.Message)}");
        }
        return result.Build();
    }

    private static void ReadSection(ref Utf8JsonReader reader, ManifestResultBuilder result, LineIndex lines, string section, bool development)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            result.Warn(lines.LineOf(reader.TokenStartIndex), $"\"{section}\" should be an object of package names to versions");
            reader.Skip();
            return;
        }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var line = lines.LineOf(reader.TokenStartIndex);
            var name = reader.GetString()!;
            reader.Read();
            if (reader.TokenType == JsonTokenType.String)
            {
                result.Add(name, reader.GetString(), line, development);
                continue;
            }
            result.Warn(line, $"the version of \"{name}\" in \"{section}\" should be a string");
            result.Add(name, null, line, development);
            reader.Skip();
        }
    }

    /// <summary>Maps byte offsets of UTF-8 JSON to 1-based lines (JSON strings cannot hold raw line breaks).</summary>
    private sealed class LineIndex(byte[] utf8)
    {
        private readonly List<long> _lineStarts = [0, .. utf8.Index().Where(b => b.Item == (byte)'\n').Select(b => (long)b.Index + 1)];

        public int LineOf(long offset)
        {
            var index = _lineStarts.BinarySearch(offset);
            return (index >= 0 ? index : ~index - 1) + 1;
        }
    }
}
