namespace ProdReady.Scanning.Structured;

public enum NodeKind
{
    Scalar,
    Mapping,
    Sequence,
}

/// <summary>
/// A YAML or JSON value with the line it starts on. One small tree for both formats, so queries and
/// evidence do not care which one a file was written in.
/// </summary>
public sealed class Node
{
    private Node(NodeKind kind, int line, string? value, List<KeyValuePair<string, Node>>? entries, List<Node>? items)
    {
        Kind = kind;
        Line = line;
        Value = value;
        Entries = entries ?? [];
        Items = items ?? [];
    }

    public NodeKind Kind { get; }

    /// <summary>1-based line where the node starts.</summary>
    public int Line { get; }

    /// <summary>Scalar text (null for a YAML null or JSON null, and for collections).</summary>
    public string? Value { get; }

    /// <summary>Mapping entries in document order.</summary>
    public IReadOnlyList<KeyValuePair<string, Node>> Entries { get; }

    public IReadOnlyList<Node> Items { get; }

    public static Node Scalar(int line, string? value) => new(NodeKind.Scalar, line, value, null, null);

    public static Node Mapping(int line, List<KeyValuePair<string, Node>> entries) => new(NodeKind.Mapping, line, null, entries, null);

    public static Node Sequence(int line, List<Node> items) => new(NodeKind.Sequence, line, null, null, items);

    public Node? this[string key] => Entries.FirstOrDefault(entry => entry.Key == key).Value;
}
