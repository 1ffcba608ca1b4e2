using System.Text;
using System.Text.Json;
using ProdReady.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ProdReady.Scanning.Structured;

/// <summary>Parses YAML (several documents per file) or JSON into <see cref="Node"/> trees, reporting syntax errors with their line.</summary>
public static class StructuredParser
{
    public static (IReadOnlyList<Node> Documents, Diagnostic? Error) Parse(string path, string text)
    {
        var isJson = path.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
            || path.EndsWith(".jsonc", StringComparison.OrdinalIgnoreCase)
            || path.EndsWith(".renovaterc", StringComparison.OrdinalIgnoreCase);
        return Parse(path, text, isJson);
    }

    /// <summary>For text whose format is known from elsewhere than its name (a Content-Type, its first character).</summary>
    public static (IReadOnlyList<Node> Documents, Diagnostic? Error) Parse(string path, string text, bool isJson) =>
        isJson ? ParseJson(path, text) : ParseYaml(path, text);

    private static (IReadOnlyList<Node>, Diagnostic?) ParseYaml(string path, string text)
    {
        if (YamlNesting.LineTooDeep(text) is { } deepLine)
        {
            return ([], Diagnostic.Warning(path, deepLine, $"YAML nests deeper than {YamlNesting.MaxDepth} levels, skipped"));
        }
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
            var expansion = new Expansion();
            return (stream.Documents.Select(document => Convert(document.RootNode, null, 0, expansion)).ToArray(), null);
        }
        catch (YamlException e)
        {
            return ([], Diagnostic.Warning(path, (int)e.Start.Line, $"invalid YAML, skipped: {FirstLine(e.Message)}"));
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this, without a position, on some unclosed flow collections ("a: [b\nc: {}").
            return ([], Diagnostic.Warning(path, 0, "invalid YAML, skipped: the parser failed without giving a line (often an unclosed [ or {)"));
        }
        catch (ExpansionLimitException e)
        {
            return ([], Diagnostic.Warning(path, e.Line, $"YAML aliases expand too far ({e.Reason}), skipped"));
        }
    }

    /// <summary>
    /// Aliases are resolved to the anchored node, so a document is a graph: an alias inside its own anchor loops,
    /// and aliases of aliases grow exponentially ("billion laughs"). Conversion is bounded in depth and size.
    /// </summary>
    private sealed class Expansion
    {
        public const int MaxDepth = YamlNesting.MaxDepth;
        public const int MaxNodes = 1_000_000;

        public int Nodes { get; set; }
    }

    private sealed class ExpansionLimitException(int line, string reason) : Exception(reason)
    {
        public int Line { get; } = line;

        public string Reason { get; } = reason;
    }

    /// <summary>A mapping value takes its key's line: "readinessProbe:" is where a reader looks, not the line after it.</summary>
    private static Node Convert(YamlNode node, int? keyLine, int depth, Expansion expansion)
    {
        var line = keyLine ?? (int)node.Start.Line;
        if (depth > Expansion.MaxDepth)
        {
            throw new ExpansionLimitException(line, $"deeper than {Expansion.MaxDepth} levels");
        }
        if (++expansion.Nodes > Expansion.MaxNodes)
        {
            throw new ExpansionLimitException(line, $"over {Expansion.MaxNodes:N0} nodes");
        }
        return node switch
        {
            YamlMappingNode mapping => Node.Mapping(line, Entries(mapping, depth, expansion)),
            YamlSequenceNode sequence => Node.Sequence(line, sequence.Children.Select(item => Convert(item, null, depth + 1, expansion)).ToList()),
            YamlScalarNode scalar => Node.Scalar(line, IsNull(scalar) ? null : scalar.Value),
            _ => Node.Scalar(line, null),
        };
    }

    /// <summary>
    /// A mapping's entries, with YAML merge keys applied as compose files use them ("&lt;&lt;: *defaults"): merged
    /// keys come after the mapping's own, which win, and earlier merge sources win over later ones.
    /// </summary>
    private static List<KeyValuePair<string, Node>> Entries(YamlMappingNode mapping, int depth, Expansion expansion)
    {
        var entries = new List<KeyValuePair<string, Node>>();
        var merged = new List<YamlMappingNode>();
        foreach (var (key, value) in mapping.Children)
        {
            if (key is YamlScalarNode { Value: "<<", Style: ScalarStyle.Plain })
            {
                merged.AddRange(value switch
                {
                    YamlMappingNode single => [single],
                    YamlSequenceNode several => several.Children.OfType<YamlMappingNode>(),
                    _ => [],
                });
                continue;
            }
            entries.Add(new((key as YamlScalarNode)?.Value ?? "", Convert(value, (int)key.Start.Line, depth + 1, expansion)));
        }
        foreach (var source in merged)
        {
            foreach (var entry in Entries(source, depth + 1, expansion))
            {
                if (!entries.Exists(existing => existing.Key == entry.Key))
                {
                    entries.Add(entry);
                }
            }
        }
        return entries;
    }

    private static bool IsNull(YamlScalarNode scalar) =>
        scalar.Style == ScalarStyle.Plain && scalar.Value is "" or "~" or "null" or "Null" or "NULL";

    private static (IReadOnlyList<Node>, Diagnostic?) ParseJson(string path, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var lines = new LineIndex(bytes);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        try
        {
            if (!reader.Read())
            {
                return ([], null);
            }
            var root = ReadJson(ref reader, lines);
            return ([root], null);
        }
        catch (JsonException e)
        {
            return ([], Diagnostic.Warning(path, (int)(e.LineNumber ?? 0) + 1, $"invalid JSON, skipped: {WithoutPosition(FirstLine(e.Message))}"));
        }
    }

    private static Node ReadJson(ref Utf8JsonReader reader, LineIndex lines)
    {
        var line = lines.LineOf(reader.TokenStartIndex);
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var entries = new List<KeyValuePair<string, Node>>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var key = reader.GetString() ?? "";
                    reader.Read();
                    entries.Add(new(key, ReadJson(ref reader, lines)));
                }
                return Node.Mapping(line, entries);
            case JsonTokenType.StartArray:
                var items = new List<Node>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    items.Add(ReadJson(ref reader, lines));
                }
                return Node.Sequence(line, items);
            case JsonTokenType.String:
                return Node.Scalar(line, reader.GetString());
            case JsonTokenType.Null:
                return Node.Scalar(line, null);
            default: // numbers and booleans keep their source text
                return Node.Scalar(line, Encoding.UTF8.GetString(reader.ValueSpan));
        }
    }

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();

    /// <summary>System.Text.Json ends its messages with its own 0-based position, which would contradict the diagnostic's line.</summary>
    internal static string WithoutPosition(string message)
    {
        var position = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return position < 0 ? message : message[..position];
    }

    /// <summary>Byte offset to 1-based line, by binary search over newline offsets.</summary>
    private sealed class LineIndex
    {
        private readonly List<long> _newlines = [];

        public LineIndex(byte[] bytes)
        {
            for (var i = 0; i < bytes.Length; i++)
            {
                if (bytes[i] == (byte)'\n')
                {
                    _newlines.Add(i);
                }
            }
        }

        public int LineOf(long offset)
        {
            var index = _newlines.BinarySearch(offset);
            return (index < 0 ? ~index : index) + 1;
        }
    }
}
