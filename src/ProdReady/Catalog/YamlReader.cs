using System.Globalization;
using ProdReady.Model;
using YamlDotNet.RepresentationModel;

namespace ProdReady.Catalog;

/// <summary>
/// Typed access to a YAML tree that records every problem with its file and line instead of throwing,
/// so a rule author sees all mistakes of a file at once.
/// </summary>
internal sealed class YamlReader(string file)
{
    private readonly List<Diagnostic> _errors = [];

    public string File { get; } = file;

    public IReadOnlyList<Diagnostic> Errors => _errors;

    public SourceLocation At(YamlNode node) => new(File, (int)node.Start.Line);

    public void Error(YamlNode node, string message) => _errors.Add(Diagnostic.Error(File, (int)node.Start.Line, message));

    public void Error(int line, string message) => _errors.Add(Diagnostic.Error(File, line, message));

    public YamlMappingNode? Mapping(YamlNode? node, string what)
    {
        if (node is YamlMappingNode mapping)
        {
            return mapping;
        }
        if (node is not null)
        {
            Error(node, $"{what} must be a mapping (key: value)");
        }
        return null;
    }

    public YamlSequenceNode? Sequence(YamlNode? node, string what)
    {
        if (node is YamlSequenceNode sequence)
        {
            return sequence;
        }
        if (node is not null)
        {
            Error(node, $"{what} must be a list");
        }
        return null;
    }

    public static YamlNode? Get(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    /// <summary>Reports keys that are not in <paramref name="allowed"/>; catches typos like "detects".</summary>
    public void OnlyKeys(YamlMappingNode mapping, string what, params string[] allowed)
    {
        foreach (var key in mapping.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value;
            if (name is null || !allowed.Contains(name))
            {
                Error(key, $"unknown key '{name}' in {what}; expected one of: {string.Join(", ", allowed)}");
            }
        }
    }

    public string? String(YamlMappingNode mapping, string key, string what, bool required = true)
    {
        var node = Get(mapping, key);
        if (node is null)
        {
            if (required)
            {
                Error(mapping, $"{what} needs '{key}'");
            }
            return null;
        }
        if (node is YamlScalarNode { Value: { } value } && (value.Length > 0 || !required))
        {
            return value;
        }
        Error(node, $"'{key}' in {what} must be a non-empty text value");
        return null;
    }

    /// <summary>A scalar or a list of scalars, as a list.</summary>
    public IReadOnlyList<string> Strings(YamlMappingNode mapping, string key, string what)
    {
        var node = Get(mapping, key);
        switch (node)
        {
            case null:
                return [];
            case YamlScalarNode { Value: { } single }:
                return [single];
            case YamlSequenceNode sequence:
                var values = new List<string>();
                foreach (var item in sequence)
                {
                    if (item is YamlScalarNode { Value: { } value })
                    {
                        values.Add(value);
                    }
                    else
                    {
                        Error(item, $"'{key}' in {what} must list text values");
                    }
                }
                return values;
            default:
                Error(node, $"'{key}' in {what} must be a text value or a list of them");
                return [];
        }
    }

    public bool? Bool(YamlMappingNode mapping, string key, string what)
    {
        var node = Get(mapping, key);
        if (node is null)
        {
            return null;
        }
        if (node is YamlScalarNode { Value: { } text } && bool.TryParse(text, out var value))
        {
            return value;
        }
        Error(node, $"'{key}' in {what} must be true or false");
        return null;
    }

    public int? Int(YamlMappingNode mapping, string key, string what)
    {
        var node = Get(mapping, key);
        if (node is null)
        {
            return null;
        }
        if (node is YamlScalarNode { Value: { } text } && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }
        Error(node, $"'{key}' in {what} must be a whole number >= 0");
        return null;
    }

    /// <summary>A date written as YYYY-MM-DD.</summary>
    public DateOnly? Date(YamlMappingNode mapping, string key, string what, bool required = false)
    {
        var node = Get(mapping, key);
        if (node is null)
        {
            if (required)
            {
                Error(mapping, $"{what} needs '{key}' (a date, YYYY-MM-DD)");
            }
            return null;
        }
        if (node is YamlScalarNode { Value: { } text } && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var value))
        {
            return value;
        }
        Error(node, $"'{key}' in {what} must be a date written YYYY-MM-DD, not '{(node as YamlScalarNode)?.Value}'");
        return null;
    }

    /// <summary>A number within [min, max].</summary>
    public double? Number(YamlMappingNode mapping, string key, string what, double min, double max)
    {
        var node = Get(mapping, key);
        return node is null ? null : Number(node, $"'{key}' in {what}", min, max);
    }

    public double? Number(YamlNode node, string what, double min, double max)
    {
        if (node is YamlScalarNode { Value: { } text }
            && double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            && value >= min && value <= max)
        {
            return value;
        }
        Error(node, $"{what} must be a number from {min} to {max}");
        return null;
    }

    /// <summary>Parses a whole file; a syntax error becomes one error at its line.</summary>
    /// <param name="what">What the file is, for messages ("a rule file").</param>
    /// <param name="emptyIsError">False for files whose every key is optional: an empty (or all-comment) file is then an empty mapping.</param>
    public YamlMappingNode? ParseRoot(string text, string what = "a rule file", bool emptyIsError = true)
    {
        if (Scanning.Structured.YamlNesting.LineTooDeep(text) is { } deepLine)
        {
            Error(deepLine, $"YAML nests deeper than {Scanning.Structured.YamlNesting.MaxDepth} levels");
            return null;
        }
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            Error((int)e.Start.Line, $"invalid YAML: {FirstLine(e.Message)}");
            return null;
        }
        if (stream.Documents.Count == 0)
        {
            if (!emptyIsError)
            {
                return new YamlMappingNode();
            }
            Error(1, "the file is empty");
            return null;
        }
        return Mapping(stream.Documents[0].RootNode, what);
    }

    private static string FirstLine(string message)
    {
        var text = message.Split('\n')[0].Trim();
        var close = text.IndexOf("): ", StringComparison.Ordinal);
        return text.StartsWith('(') && close > 0 ? text[(close + 3)..] : text;
    }
}
