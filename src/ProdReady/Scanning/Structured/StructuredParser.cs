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
        return isJson ? ParseJson(path, text) : ParseYaml(path, text);
    }

    private static (IReadOnlyList<Node>, Diagnostic?) ParseYaml(string path, string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            return ([], Diagnostic.Warning(path, (int)e.Start.Line, $"invalid YAML, skipped: {FirstLine(e.Message)}"));
        }
        return (stream.Documents.Select(document => Convert(document.RootNode)).ToArray(), null);
    }

    /// <summary>A mapping value takes its key's line: "readinessProbe:" is where a reader looks, not the line after it.</summary>
    private static Node Convert(YamlNode node, int? keyLine = null)
    {
        var line = keyLine ?? (int)node.Start.Line;
        return node switch
        {
            YamlMappingNode mapping => Node.Mapping(line, mapping.Children
                .Select(entry => new KeyValuePair<string, Node>((entry.Key as YamlScalarNode)?.Value ?? "", Convert(entry.Value, (int)entry.Key.Start.Line)))
                .ToList()),
            YamlSequenceNode sequence => Node.Sequence(line, sequence.Children.Select(item => Convert(item)).ToList()),
            YamlScalarNode scalar => Node.Scalar(line, IsNull(scalar) ? null : scalar.Value),
            _ => Node.Scalar(line, null), // aliases are rare in the files we query
        };
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
            return ([], Diagnostic.Warning(path, (int)(e.LineNumber ?? 0) + 1, $"invalid JSON, skipped: {FirstLine(e.Message)}"));
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
