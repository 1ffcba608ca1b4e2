namespace ProdReady.Documents;

/// <summary>
/// Items by the keys of their title words (TitleSimilarity.Key), so a line is compared only with the items that
/// could match it: those sharing keys with at least two of its words. In a document where every line shares
/// words with thousands of items, only the items sharing the most are compared, which keeps the check linear.
/// </summary>
internal sealed class TitleIndex
{
    private const int MaxCandidates = 256;

    private readonly List<(DocItem Item, IReadOnlyList<string> Words)> _items;
    private readonly Dictionary<string, List<int>> _byKey = new(StringComparer.Ordinal);
    private readonly int[] _hits;
    private readonly List<int> _touched = [];

    public TitleIndex(IEnumerable<DocItem> items)
    {
        _items = [.. items.Select(item => (item, TitleSimilarity.Words(item.Title)))];
        _hits = new int[_items.Count];
        for (var index = 0; index < _items.Count; index++)
        {
            foreach (var key in _items[index].Words.Select(TitleSimilarity.Key).Distinct(StringComparer.Ordinal))
            {
                (_byKey.TryGetValue(key, out var list) ? list : _byKey[key] = []).Add(index);
            }
        }
    }

    public List<(DocItem Item, IReadOnlyList<string> Words)> Candidates(IReadOnlyList<string> words)
    {
        // Counted per word, not per key: "test" and "testing" may match two different words of one item.
        foreach (var key in words.Select(TitleSimilarity.Key))
        {
            foreach (var index in _byKey.GetValueOrDefault(key) ?? [])
            {
                if (_hits[index]++ == 0)
                {
                    _touched.Add(index);
                }
            }
        }
        var candidates = _touched.Where(index => _hits[index] >= TitleSimilarity.MinimumSharedWords)
            .OrderByDescending(index => _hits[index]).ThenBy(index => _items[index].Words.Count).ThenBy(index => index)
            .Take(MaxCandidates).Order().Select(index => _items[index]).ToList();
        foreach (var index in _touched)
        {
            _hits[index] = 0;
        }
        _touched.Clear();
        return candidates;
    }
}
