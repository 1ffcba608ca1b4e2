using System.Buffers;

namespace ProdReady.Scanning.Content;

/// <summary>
/// The prefilter literals of every pattern that may search a file of one language, found in a single vectorised
/// pass: one scan per file instead of one per pattern. Literals are ASCII and at least three characters long.
/// </summary>
internal sealed class LiteralSet
{
    private readonly IReadOnlyList<string> _literals;
    private readonly SearchValues<string> _any;
    private readonly Dictionary<ulong, int[]> _byPrefix;

    /// <param name="literals">The table every id refers to.</param>
    /// <param name="ids">The literals of this set.</param>
    public LiteralSet(IReadOnlyList<string> literals, IEnumerable<int> ids)
    {
        _literals = literals;
        var distinct = ids.Distinct().ToArray();
        _any = SearchValues.Create([.. distinct.Select(id => literals[id])], StringComparison.OrdinalIgnoreCase);
        _byPrefix = distinct.GroupBy(id => Prefix(literals[id])).ToDictionary(group => group.Key, group => group.ToArray());
    }

    /// <summary>Marks in <paramref name="marks"/> every literal of the set that occurs in the text, and whether in exact case.</summary>
    public void Mark(ReadOnlySpan<char> text, LiteralMarks marks)
    {
        var from = 0;
        int offset;
        while ((offset = text[from..].IndexOfAny(_any)) >= 0)
        {
            var rest = text[(from + offset)..];
            // A match under OrdinalIgnoreCase may start with a non-ASCII letter that folds to ASCII; the regex
            // engine would not equate those, so missing them in the prefix table loses nothing.
            if (_byPrefix.TryGetValue(Prefix(rest), out var candidates))
            {
                foreach (var id in candidates)
                {
                    if (rest.StartsWith(_literals[id], StringComparison.OrdinalIgnoreCase))
                    {
                        marks.Mark(id, exactCase: rest.StartsWith(_literals[id], StringComparison.Ordinal));
                    }
                }
            }
            from += offset + 1;
        }
    }

    private static ulong Prefix(ReadOnlySpan<char> text) =>
        char.ToLowerInvariant(text[0]) | ((ulong)char.ToLowerInvariant(text[1]) << 16) | ((ulong)char.ToLowerInvariant(text[2]) << 32);
}

/// <summary>One worker's record of which literals the current file holds; reset between files.</summary>
internal sealed class LiteralMarks(int literals)
{
    private const byte AnyCase = 1;
    private const byte ExactCase = 2;

    private readonly byte[] _found = new byte[literals];
    private readonly List<int> _touched = [];

    public void Mark(int id, bool exactCase)
    {
        if (_found[id] == 0)
        {
            _touched.Add(id);
        }
        _found[id] = Math.Max(_found[id], exactCase ? ExactCase : AnyCase);
    }

    public bool Holds(int id, bool ignoreCase) => _found[id] >= (ignoreCase ? AnyCase : ExactCase);

    public void Reset()
    {
        foreach (var id in _touched)
        {
            _found[id] = 0;
        }
        _touched.Clear();
    }
}
