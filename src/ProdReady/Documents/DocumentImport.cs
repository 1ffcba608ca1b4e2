using System.Text.RegularExpressions;
using ProdReady.Model;

namespace ProdReady.Documents;

/// <summary>One tracked item as imported: what the document says, and the control it names, if any.</summary>
public sealed record ImportedItem(DocItem Item, string? ControlId, string Key, IReadOnlyList<ImportedItem> Children);

/// <summary>
/// `doc import`: a document's tracked items as data, each matched to a control where one covers it; the rest
/// become attestations a person records in prodready.yml. Keys are stable slugs of the titles, unique per document.
/// </summary>
public static partial class DocumentImport
{
    public static IReadOnlyList<ImportedItem> Import(ReadinessDocument document, IEnumerable<Control> controls)
    {
        var matcher = new ControlMatcher(controls);
        var used = new HashSet<string>(StringComparer.Ordinal);
        return [.. document.Items.Where(item => !item.IsReference).Select(item => Convert(item, matcher, used))];
    }

    /// <summary>Items no control covers, parents before children: the attestation candidates.</summary>
    public static IEnumerable<ImportedItem> Unverifiable(IEnumerable<ImportedItem> items) =>
        items.SelectMany(item => (IEnumerable<ImportedItem>)[.. item.ControlId is null ? [item] : Array.Empty<ImportedItem>(), .. Unverifiable(item.Children)]);

    private static ImportedItem Convert(DocItem item, ControlMatcher matcher, HashSet<string> used) =>
        new(item, matcher.Match(item.Title)?.Id, UniqueKey(item, used), [.. item.Children.Where(child => !child.IsReference).Select(child => Convert(child, matcher, used))]);

    private static string UniqueKey(DocItem item, HashSet<string> used)
    {
        var slug = NonSlug().Replace((item.Id ?? item.Title).ToLowerInvariant(), "-").Trim('-');
        slug = "doc." + (slug.Length == 0 ? "item" : slug[..Math.Min(slug.Length, 60)].TrimEnd('-'));
        var key = slug;
        for (var n = 2; !used.Add(key); n++)
        {
            key = $"{slug}-{n}";
        }
        return key;
    }

    [GeneratedRegex(@"[^a-z0-9]+")]
    private static partial Regex NonSlug();
}
