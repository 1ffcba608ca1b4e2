using System.Text.RegularExpressions;
using ProdReady.Model;

namespace ProdReady.Documents;

/// <summary>
/// Score tables ("| Category | Total Items | Completed | Partial | Score |"): each row against its own arithmetic,
/// against the items of the section it names, and an Overall / Total row against the rows above it.
/// </summary>
internal static partial class ScoreTableLint
{
    private sealed record Columns(int Items, int Done, int Partial, int Score);

    private sealed record Row(string Label, int Line, double Items, double Done, double? Partial, double? Score)
    {
        public string Counts => $"{DocumentLinter.Format(Items)} items, {DocumentLinter.Format(Done)} completed{(Partial is { } p ? $", {DocumentLinter.Format(p)} partial" : "")}{(Score is { } s ? $", {DocumentLinter.Format(s)}%" : "")}";
    }

    public static IEnumerable<DocumentFinding> Lint(ReadinessDocument document, List<DocItem> items)
    {
        var categories = items.GroupBy(item => item.Category ?? "").Where(group => group.Key.Length > 0)
            .Select(group => (Name: group.Key, Words: TitleSimilarity.Words(group.Key), Items: group.ToList())).ToList();
        foreach (var table in document.Tables)
        {
            if (ColumnsOf(table.Header) is not { } columns)
            {
                continue;
            }
            var rows = table.Rows.Select(row => ReadRow(row.Cells, row.Line, columns)).OfType<Row>().ToList();
            var parts = rows.Where(row => !IsTotalRow(row)).ToList();
            foreach (var row in rows)
            {
                if (RowArithmetic(row) is { } arithmetic)
                {
                    yield return arithmetic;
                }
                if (IsTotalRow(row))
                {
                    if (RowsAddUp(row, parts) is { } sum)
                    {
                        yield return sum;
                    }
                    if (AgainstItems(row, "the document", null, items) is { } overall)
                    {
                        yield return overall;
                    }
                }
                else if (Section(row, categories) is { } section
                    && AgainstItems(row, $"section \"{section.Name}\"", document.Sections.FirstOrDefault(heading => heading.Title == section.Name)?.Line, section.Items) is { } finding)
                {
                    yield return finding;
                }
            }
        }
    }

    /// <summary>A score table has a label column first, then item and completed counts; partial and score are optional.</summary>
    private static Columns? ColumnsOf(IReadOnlyList<string> header)
    {
        int Find(Func<string, bool> test) => header.Skip(1).Select(cell => cell.ToLowerInvariant()).ToList().FindIndex(cell => test(cell)) is var index and >= 0 ? index + 1 : -1;
        var itemsColumn = Find(cell => cell.Contains("items", StringComparison.Ordinal) || cell.Trim() == "total");
        var done = Find(cell => cell.Contains("complete", StringComparison.Ordinal) || cell.Contains("done", StringComparison.Ordinal));
        return itemsColumn < 0 || done < 0 ? null
            : new Columns(itemsColumn, done, Find(cell => cell.Contains("partial", StringComparison.Ordinal)), Find(cell => cell.Contains("score", StringComparison.Ordinal) || cell.Contains('%')));
    }

    private static Row? ReadRow(IReadOnlyList<string> cells, int line, Columns columns)
    {
        string? Cell(int index) => index >= 0 && index < cells.Count ? Decoration().Replace(cells[index], "") : null;
        var (label, total, done) = (Cell(0), DocumentLinter.Number(Cell(columns.Items)), DocumentLinter.Number(Cell(columns.Done)));
        if (string.IsNullOrWhiteSpace(label) || total is null || done is null)
        {
            return null;
        }
        return new Row(label.Trim(), line, total.Value, done.Value, DocumentLinter.Number(Cell(columns.Partial)), DocumentLinter.Percent(Cell(columns.Score)));
    }

    private static bool IsTotalRow(Row row) => TotalLabel().IsMatch(row.Label);

    /// <summary>doc.percentage: a row's score that neither completed / items nor (completed + partial / 2) / items gives.</summary>
    private static DocumentFinding? RowArithmetic(Row row)
    {
        if (row.Score is not { } score || row.Items <= 0)
        {
            return null;
        }
        var candidates = new List<string>();
        var plain = 100 * row.Done / row.Items;
        if (Math.Abs(plain - score) <= 1.0)
        {
            return null;
        }
        candidates.Add($"{DocumentLinter.Format(row.Done)}/{DocumentLinter.Format(row.Items)} = {DocumentLinter.Format(plain)}%");
        if (row.Partial is { } partial && partial > 0)
        {
            var halves = 100 * (row.Done + partial / 2) / row.Items;
            if (Math.Abs(halves - score) <= 1.0)
            {
                return null;
            }
            candidates.Add($"({DocumentLinter.Format(row.Done)} + {DocumentLinter.Format(partial)}/2)/{DocumentLinter.Format(row.Items)} = {DocumentLinter.Format(halves)}%");
        }
        return new DocumentFinding("doc.percentage", FindingSeverity.Warning, row.Line,
            $"{row.Label} row: {DocumentLinter.Format(score)}% follows from neither {string.Join(" nor ", candidates)}");
    }

    /// <summary>doc.count-sum: the Overall / Total row is not the sum of the rows above it.</summary>
    private static DocumentFinding? RowsAddUp(Row total, List<Row> parts)
    {
        if (parts.Count < 2)
        {
            return null;
        }
        var sum = new Row("sum", 0, parts.Sum(row => row.Items), parts.Sum(row => row.Done),
            total.Partial is null || parts.Any(row => row.Partial is null) ? null : parts.Sum(row => row.Partial!.Value), null);
        return sum.Items == total.Items && sum.Done == total.Done && sum.Partial == total.Partial ? null
            : new DocumentFinding("doc.count-sum", FindingSeverity.Error, total.Line, $"the {parts.Count} rows above add up to {sum.Counts}; the {total.Label} row says {(total with { Score = null }).Counts}");
    }

    /// <summary>doc.score-table-row: a row whose counts differ from the items of the section it names, recomputed.</summary>
    private static DocumentFinding? AgainstItems(Row row, string where, int? line, List<DocItem> items)
    {
        var tally = DocumentSummary.Tally(row.Label, items);
        if (row.Items == tally.Items && row.Done == tally.Done && (row.Partial is null || row.Partial == tally.Partial))
        {
            return null;
        }
        var score = tally.Score is { } value ? $", which scores {DocumentLinter.Format(value)}% ({DocumentSummary.Formula})" : "";
        return new DocumentFinding("doc.score-table-row", FindingSeverity.Error, row.Line,
            $"{row.Label} row says {row.Counts}; {where}{(line is { } l ? $" (line {l})" : "")} has {tally.Items} items: {tally.Done} done, {tally.Partial} partial, {tally.Open} open, {tally.NotApplicable} n/a{score}");
    }

    /// <summary>The section a row names: the only one whose title holds every word of the row's label ("Security" is "1. Security Hardening").</summary>
    private static (string Name, IReadOnlyList<string> Words, List<DocItem> Items)? Section(Row row, List<(string Name, IReadOnlyList<string> Words, List<DocItem> Items)> categories)
    {
        var words = TitleSimilarity.Words(row.Label);
        if (words.Count == 0)
        {
            return null;
        }
        var holding = categories.Where(category => TitleSimilarity.Compare(words, category.Words).Shared == words.Count).ToList();
        return holding.Count == 1 ? holding[0] : null;
    }

    [GeneratedRegex(@"[*_~≈]")]
    private static partial Regex Decoration();

    [GeneratedRegex(@"^(?:overall|total|all)\b", RegexOptions.IgnoreCase)]
    private static partial Regex TotalLabel();
}
