using System.Globalization;
using System.Text.RegularExpressions;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using ProdReady.Model;

namespace ProdReady.Documents;

/// <summary>
/// Status tables: "| Item | Status | Owner |" with a status per row, or "| [ ] All code reviewed | |" with a checkbox
/// in the first cell. Each row with a status is an item. Score, dimension and risk tables have no status column and
/// give no items.
/// </summary>
public static partial class DocumentReader
{
    private sealed record TableColumns(int Title, int Status, int Priority, int Owner, int Target, int Id);

    private static DocTable ReadTable(Table table, State state)
    {
        var rows = table.OfType<TableRow>().ToList();
        var cells = rows.Select(row => (IReadOnlyList<string>)[.. row.OfType<TableCell>().Select(CellText)]).ToList();
        var hasHeader = rows.Count > 0 && rows[0].IsHeader;
        var header = hasHeader ? cells[0] : [];
        if (!state.InLegend)
        {
            var columns = Columns(header);
            for (var index = hasHeader ? 1 : 0; index < rows.Count; index++)
            {
                if (TableItem(rows[index], cells[index], columns, state) is { } item)
                {
                    state.Add(item);
                }
            }
        }
        return new DocTable(header, [.. rows.Select((row, index) => (cells[index], state.LineOf(row.Span.Start))).Skip(hasHeader ? 1 : 0)], table.Line + 1);
    }

    private static string CellText(TableCell cell) => string.Join(" ", cell.OfType<ParagraphBlock>().Select(paragraph => Text(paragraph.Inline).Trim()));

    private static TableColumns Columns(IReadOnlyList<string> header)
    {
        int Find(Regex pattern) => header.ToList().FindIndex(cell => pattern.IsMatch(cell.Replace("*", "", StringComparison.Ordinal).Trim()));
        var (status, priority, owner, target, id) = (Find(StatusHeader()), Find(PriorityHeader()), Find(OwnerHeader()), Find(TargetHeader()), Find(IdHeader()));
        int[] special = [status, priority, owner, target, id];
        var title = Enumerable.Range(0, Math.Max(header.Count, 1)).FirstOrDefault(column => !special.Contains(column));
        return new TableColumns(title, status, priority, owner, target, id);
    }

    private static DocItem? TableItem(TableRow row, IReadOnlyList<string> cells, TableColumns columns, State state)
    {
        string Cell(int column) => column >= 0 && column < cells.Count ? cells[column] : "";
        var marked = StatusMarks.Read(Cell(columns.Title));
        var status = columns.Status >= 0 ? CellStatus(Cell(columns.Status)) ?? marked.Status : marked.Status;
        if (status is not { } known || marked.Title.Length == 0)
        {
            return null;
        }
        var titleCell = row.OfType<TableCell>().ElementAtOrDefault(columns.Title)?.OfType<ParagraphBlock>().FirstOrDefault();
        var item = Item(marked, known, state.LineOf(row.Span.Start), state.Section, CitedPaths(titleCell?.Inline), state);
        var id = columns.Id >= 0 && ItemIdCell().Match(Cell(columns.Id)) is { Success: true } idMatch ? idMatch.Value : item.Id;
        return item with
        {
            Id = id,
            Priority = CellPriority(Cell(columns.Priority)) ?? (id is null ? item.Priority : Enum.Parse<Priority>(id[..2])),
            Owner = Cell(columns.Owner) is { Length: > 0 } owner ? owner : item.Owner,
            Target = DateOnly.TryParseExact(Cell(columns.Target).Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : item.Target,
        };
    }

    /// <summary>"✅", "✅ Done", "In Progress", "Complete (PR #12)".</summary>
    private static ItemStatus? CellStatus(string cell) =>
        StatusMarks.Read(cell).Status ?? StatusMarks.StatusOfWord(CellAside().Replace(cell.Replace("*", "", StringComparison.Ordinal), "").Trim());

    /// <summary>"P0", "Critical", "High".</summary>
    private static Priority? CellPriority(string cell)
    {
        var text = cell.Replace("*", "", StringComparison.Ordinal).Trim();
        return PriorityCell().IsMatch(text) ? Enum.Parse<Priority>(text[..2].ToUpperInvariant()) : StatusMarks.Read($"[{text}]").Priority;
    }

    [GeneratedRegex(@"^(?:status|state|done\??|progress)$", RegexOptions.IgnoreCase)]
    private static partial Regex StatusHeader();

    [GeneratedRegex(@"^(?:priority|prio|severity)$", RegexOptions.IgnoreCase)]
    private static partial Regex PriorityHeader();

    [GeneratedRegex(@"^owners?$", RegexOptions.IgnoreCase)]
    private static partial Regex OwnerHeader();

    [GeneratedRegex(@"^(?:target(?: date)?|due(?: date)?|deadline|eta)$", RegexOptions.IgnoreCase)]
    private static partial Regex TargetHeader();

    [GeneratedRegex(@"^(?:id|#)$", RegexOptions.IgnoreCase)]
    private static partial Regex IdHeader();

    [GeneratedRegex(@"^P[0-3]\.\d+$")]
    private static partial Regex ItemIdCell();

    [GeneratedRegex(@"^P[0-3]$", RegexOptions.IgnoreCase)]
    private static partial Regex PriorityCell();

    [GeneratedRegex(@"\s*[(\[].*$|\s+[-–—].*$")]
    private static partial Regex CellAside();
}
