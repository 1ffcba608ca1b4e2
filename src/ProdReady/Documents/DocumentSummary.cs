namespace ProdReady.Documents;

/// <summary>One category's items counted honestly, and its score.</summary>
public sealed record CategoryTally(string Category, int Items, int Done, int Partial, int Open, int NotApplicable)
{
    /// <summary>(done + partial / 2) / (items - not applicable) × 100; null when nothing applies.</summary>
    public double? Score => Items - NotApplicable == 0 ? null : 100.0 * (Done + 0.5 * Partial) / (Items - NotApplicable);
}

/// <summary>`doc lint --summary`: the document's own tracked items, counted per category and overall.</summary>
public static class DocumentSummary
{
    public const string Formula = "score = (done + partial / 2) / (items - n/a) × 100";

    public static (IReadOnlyList<CategoryTally> Categories, CategoryTally Overall) Compute(ReadinessDocument document)
    {
        var items = document.TrackedItems().ToList();
        var categories = items.GroupBy(item => item.Category ?? "(no section)").Select(group => Tally(group.Key, group)).ToList();
        return (categories, Tally("overall", items));
    }

    public static CategoryTally Tally(string name, IEnumerable<DocItem> items)
    {
        var list = items.ToList();
        return new CategoryTally(name, list.Count,
            list.Count(item => item.Status == ItemStatus.Done),
            list.Count(item => item.Status == ItemStatus.Partial),
            list.Count(item => item.Status == ItemStatus.Open),
            list.Count(item => item.Status == ItemStatus.NotApplicable));
    }
}
