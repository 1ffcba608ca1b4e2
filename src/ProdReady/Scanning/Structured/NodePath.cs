namespace ProdReady.Scanning.Structured;

/// <summary>A dotted path into a document: keys, list indexes, `*` (any key or item) and `**` (any depth).</summary>
public sealed class NodePath
{
    private readonly string[] _segments;

    private NodePath(string text, string[] segments)
    {
        Text = text;
        _segments = segments;
    }

    public string Text { get; }

    public static NodePath Parse(string text)
    {
        var segments = text.Split('.');
        if (segments.Any(segment => segment.Length == 0))
        {
            throw new FormatException($"path '{text}' has an empty segment");
        }
        return new NodePath(text, segments);
    }

    public IEnumerable<Node> Select(Node root) => Select(root, 0);

    private IEnumerable<Node> Select(Node node, int index)
    {
        if (index == _segments.Length)
        {
            yield return node;
            yield break;
        }
        var segment = _segments[index];
        if (segment == "**")
        {
            foreach (var match in Select(node, index + 1))
            {
                yield return match;
            }
            foreach (var child in ChildrenOf(node))
            {
                foreach (var match in Select(child, index))
                {
                    yield return match;
                }
            }
            yield break;
        }
        var children = segment == "*" ? ChildrenOf(node) : Child(node, segment);
        foreach (var child in children)
        {
            foreach (var match in Select(child, index + 1))
            {
                yield return match;
            }
        }
    }

    private static IEnumerable<Node> ChildrenOf(Node node) => node.Kind switch
    {
        NodeKind.Mapping => node.Entries.Select(entry => entry.Value),
        NodeKind.Sequence => node.Items,
        _ => [],
    };

    private static IEnumerable<Node> Child(Node node, string segment)
    {
        if (node.Kind == NodeKind.Mapping && node[segment] is { } value)
        {
            return [value];
        }
        if (node.Kind == NodeKind.Sequence && int.TryParse(segment, out var i) && i >= 0 && i < node.Items.Count)
        {
            return [node.Items[i]];
        }
        return [];
    }
}
