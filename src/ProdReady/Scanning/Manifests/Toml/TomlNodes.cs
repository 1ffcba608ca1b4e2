namespace ProdReady.Scanning.Manifests.Toml;

/// <summary>A parsed TOML value. <see cref="Line"/> is the 1-based line where it starts (a header's line for tables).</summary>
internal abstract class TomlNode(int line)
{
    public int Line { get; protected set; } = line;
}

/// <summary>A string, or another scalar (integer, float, boolean, date) kept as its text.</summary>
internal sealed class TomlScalar(string text, bool isString, int line) : TomlNode(line)
{
    public string Text { get; } = text;

    public bool IsString { get; } = isString;
}

internal sealed class TomlArray(int line, bool ofTables) : TomlNode(line)
{
    public List<TomlNode> Items { get; } = [];

    /// <summary>Made by [[header]]s; only those arrays may be extended by later headers.</summary>
    public bool OfTables { get; } = ofTables;
}

/// <summary>How a table came to be; it decides whether later lines may define or extend it.</summary>
internal enum TomlTableKind
{
    /// <summary>Named on the way to a deeper header ([a] in [a.b]); a later [a] may still define it.</summary>
    Implicit,
    Header,
    Dotted,
    Inline,
}

internal sealed class TomlTable(int line, TomlTableKind kind) : TomlNode(line)
{
    private readonly OrderedDictionary<string, TomlNode> _entries = new(StringComparer.Ordinal);

    public TomlTableKind Kind { get; private set; } = kind;

    public IEnumerable<KeyValuePair<string, TomlNode>> Entries => _entries;

    public TomlNode? this[string key] => _entries.GetValueOrDefault(key);

    public bool TryAdd(string key, TomlNode value) => _entries.TryAdd(key, value);

    /// <summary>The table at a path of keys below this one, or null when a key is missing or not a table.</summary>
    public TomlTable? TableAt(params ReadOnlySpan<string> path)
    {
        var table = this;
        foreach (var key in path)
        {
            if (table[key] is not TomlTable next)
                return null;
            table = next;
        }
        return table;
    }

    /// <summary>An implicit table gets its own header: it is now defined there.</summary>
    public void Define(int line)
    {
        Kind = TomlTableKind.Header;
        Line = line;
    }
}
