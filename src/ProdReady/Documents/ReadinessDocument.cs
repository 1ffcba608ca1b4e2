using System.Text.RegularExpressions;
using ProdReady.Model;

namespace ProdReady.Documents;

/// <summary>What a hand-written readiness document says an item's state is.</summary>
public enum ItemStatus
{
    Done,
    Partial,
    Open,
    NotApplicable,
}

public static class ItemStatusNames
{
    /// <summary>The stable name used in JSON and YAML output: done, partial, open, not-applicable.</summary>
    public static string ToId(this ItemStatus status) => status switch
    {
        ItemStatus.Done => "done",
        ItemStatus.Partial => "partial",
        ItemStatus.Open => "open",
        _ => "not-applicable",
    };
}

/// <summary>A heading of the document, with the items written under it (sections act as categories).</summary>
public sealed record DocSection(string Title, int Level, int Line)
{
    /// <summary>The priority the heading implies for its items ("P0 - Critical", "P1 High-Priority Enhancements").</summary>
    public Priority? Priority { get; init; }

    /// <summary>
    /// A status mark after the heading's text ("## Security ⚠️", "## Testing ✅"). It is a status only when the
    /// document's headings use different ones; a lone ✅ among 🔒 and 📚 is decoration.
    /// </summary>
    public ItemStatus? Mark { get; init; }
}

/// <summary>
/// One tracked item: a checklist line, a status bullet or a heading with a status mark. Children are the items
/// written under it (a milestone's tasks and acceptance criteria, a phase's steps).
/// </summary>
public sealed partial record DocItem
{
    public required string Title { get; init; }
    public required ItemStatus Status { get; init; }
    public required int Line { get; init; }

    /// <summary>The section the item is written in (the nearest heading above it).</summary>
    public required DocSection? Section { get; init; }

    /// <summary>The level-2 section the item belongs to (the document's own categories), or its nearest heading.</summary>
    public string? Category { get; init; }

    /// <summary>An id such as "P0.1", when the document gives one.</summary>
    public string? Id { get; init; }

    public Priority? Priority { get; init; }
    public string? Owner { get; init; }
    public DateOnly? Target { get; init; }

    /// <summary>Paths cited in backticks (`src/app.ts`), for checking against the repository.</summary>
    public IReadOnlyList<string> CitedPaths { get; init; } = [];

    public IReadOnlyList<DocItem> Children { get; init; } = [];

    /// <summary>The unmarked list line the item is grouped under ("Tasks", "Acceptance"), or the heading of such a group.</summary>
    public string? Group { get; init; }

    /// <summary>Whether the item is one of a milestone's acceptance (or exit) criteria rather than one of its tasks.</summary>
    public bool IsAcceptanceCriterion => Group is { } group && AcceptanceGroup().IsMatch(group);

    /// <summary>
    /// A line in a checklist, next-steps, risks or plan section: it refers back to a tracked item rather than being
    /// one, so summary counts leave it out.
    /// </summary>
    public bool IsReference { get; init; }

    [GeneratedRegex(@"accept|criteria|definition of done", RegexOptions.IgnoreCase)]
    private static partial Regex AcceptanceGroup();
}

/// <summary>A Markdown table: header cells and rows of cells, each row with its line.</summary>
public sealed record DocTable(IReadOnlyList<string> Header, IReadOnlyList<(IReadOnlyList<string> Cells, int Line)> Rows, int Line);

/// <summary>
/// A line of a follow-up section (next steps, risks, checklists, phased plans) that refers back to an item, by the
/// ids it names ("[ ] P1.2: Retry Logic", "(P1.3)") or, when it names none, by its title.
/// </summary>
public sealed record DocMention(IReadOnlyList<string> Ids, string Text, string Title, ItemStatus? Status, int Line, string Section);

/// <summary>
/// A count the document states about itself ("Completed: 11 (65%)", "Total Items: 17", "Critical Items Remaining: 2").
/// A claim without status or priority is the total.
/// </summary>
public sealed record CountClaim(string Label, ItemStatus? Status, int Count, double? Percent, int Line)
{
    /// <summary>Counts only items of this priority ("Critical Items Remaining").</summary>
    public Priority? Priority { get; init; }

    /// <summary>Counts items not done yet, open or partial ("Remaining").</summary>
    public bool Remaining { get; init; }

    public bool IsTotal => Status is null && Priority is null && !Remaining;

    public bool Counts(DocItem item) =>
        (Status is null || item.Status == Status) && (Priority is null || item.Priority == Priority)
        && (!Remaining || item.Status is ItemStatus.Open or ItemStatus.Partial);
}

/// <summary>
/// A hand-written readiness document as ProdReady reads it: sections, items, and the claims it makes about
/// itself, each with its line, so lints can compare the claims with the items.
/// </summary>
public sealed record ReadinessDocument
{
    public required string Path { get; init; }
    public required IReadOnlyList<DocSection> Sections { get; init; }

    /// <summary>Top-level items; children hang below them.</summary>
    public required IReadOnlyList<DocItem> Items { get; init; }

    public required IReadOnlyList<CountClaim> Counts { get; init; }

    public IReadOnlyList<DocMention> Mentions { get; init; } = [];

    public IReadOnlyList<DocTable> Tables { get; init; } = [];

    /// <summary>Every line of prose (headings, paragraphs, list items), for arithmetic written in words.</summary>
    public IReadOnlyList<(string Text, int Line)> Prose { get; init; } = [];

    /// <summary>"Overall Score: 73%" and its line.</summary>
    public (double Percent, int Line)? OverallScore { get; init; }

    /// <summary>"Last Updated / Last Evaluated" and its line.</summary>
    public (DateOnly Date, int Line)? LastUpdated { get; init; }

    /// <summary>The document's overall status or score claims ("Current Status: Production Ready", "95% Production-Ready").</summary>
    public IReadOnlyList<(string Text, int Line)> StatusClaims { get; init; } = [];

    public IReadOnlyList<Diagnostic> Diagnostics { get; init; } = [];

    /// <summary>Every item, parents before their children, in document order.</summary>
    public IEnumerable<DocItem> AllItems() => Items.SelectMany(Flatten);

    /// <summary>The items the document tracks, without lines that only refer back to them.</summary>
    public IEnumerable<DocItem> TrackedItems() => AllItems().Where(item => !item.IsReference);

    private static IEnumerable<DocItem> Flatten(DocItem item) => [item, .. item.Children.SelectMany(Flatten)];
}
