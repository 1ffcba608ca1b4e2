using System.Text.Encodings.Web;
using System.Text.Json;
using ProdReady.History;
using ProdReady.Model;
using Spectre.Console;

namespace ProdReady.Reporting;

/// <summary>`prodready diff A B`: how the scores moved, then the controls that got worse, better, or came and went.</summary>
public static class DiffReport
{
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Render(SnapshotDiff diff, IAnsiConsole console)
    {
        console.MarkupLine($"[bold]{Markup.Escape(Describe(diff.Before))}[/] → [bold]{Markup.Escape(Describe(diff.After))}[/]");
        var level = diff.Before.Level == diff.After.Level
            ? $"level {diff.After.Level.ToDisplay()}"
            : $"level {diff.Before.Level.ToDisplay()} → {diff.After.Level.ToDisplay()}";
        console.MarkupLine(Markup.Escape(level));
        var table = new Table().Border(TableBorder.Simple)
            .AddColumn("score").AddColumn(new TableColumn("before").RightAligned()).AddColumn(new TableColumn("after").RightAligned())
            .AddColumn(new TableColumn("change").RightAligned());
        foreach (var score in diff.Categories.Prepend(diff.Overall))
        {
            table.AddRow(Markup.Escape(score.Name), ReportText.Percent(score.Before), ReportText.Percent(score.After), ScoreMoveText.Markup(score));
        }
        console.Write(table);
        if (diff.Changed.Count + diff.Added.Count + diff.Removed.Count == 0)
        {
            console.MarkupLine("No control changed status.");
            return;
        }
        Section(console, "Worse", "red", "▼", [.. diff.Worse]);
        Section(console, "Better", "green", "▲", [.. diff.Better]);
        Section(console, "Changed, neither better nor worse", "grey", "•", [.. diff.Changed.Where(change => change.Direction == ChangeDirection.Neutral)]);
        Section(console, "Added", "grey", "+", diff.Added);
        Section(console, "Removed", "grey", "-", diff.Removed);
    }

    public static string ToJson(SnapshotDiff diff)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteStartObject("before");
            SnapshotJson.WriteHeader(json, diff.Before);
            json.WriteEndObject();
            json.WriteStartObject("after");
            SnapshotJson.WriteHeader(json, diff.After);
            json.WriteEndObject();
            json.WriteNumber("notableMove", SnapshotDiff.NotableMove);
            json.WriteStartArray("scores");
            foreach (var score in diff.Categories.Prepend(diff.Overall))
            {
                json.WriteStartObject();
                json.WriteString("name", score.Name);
                SnapshotJson.WriteNumber(json, "before", score.Before);
                SnapshotJson.WriteNumber(json, "after", score.After);
                SnapshotJson.WriteNumber(json, "change", score.Delta);
                json.WriteBoolean("notable", score.IsNotable);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            Controls(json, "worse", diff.Worse);
            Controls(json, "better", diff.Better);
            Controls(json, "neutral", diff.Changed.Where(change => change.Direction == ChangeDirection.Neutral));
            Controls(json, "added", diff.Added);
            Controls(json, "removed", diff.Removed);
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Controls(Utf8JsonWriter json, string name, IEnumerable<ControlChange> changes)
    {
        json.WriteStartArray(name);
        foreach (var change in changes)
        {
            json.WriteStartObject();
            json.WriteString("id", change.Id);
            json.WriteString("title", change.Title);
            json.WriteString("priority", change.Priority.ToString());
            SnapshotJson.WriteText(json, "before", change.Before?.Status.ToId());
            SnapshotJson.WriteText(json, "after", change.After?.Status.ToId());
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void Section(IAnsiConsole console, string title, string colour, string marker, IReadOnlyList<ControlChange> changes)
    {
        if (changes.Count == 0)
        {
            return;
        }
        console.MarkupLine($"[bold]{title}[/] ({changes.Count})");
        var width = changes.Max(change => change.Id.Length);
        var statuses = changes.Select(change => $"{change.Before?.Status.ToId() ?? "(none)"} → {change.After?.Status.ToId() ?? "(none)"}").ToList();
        var statusWidth = statuses.Max(text => text.Length);
        foreach (var (change, status) in changes.Zip(statuses))
        {
            console.MarkupLine($"  [{colour}]{marker}[/] {change.Priority} {Markup.Escape(change.Id.PadRight(width))}  {Markup.Escape(status.PadRight(statusWidth))}  [grey]{Markup.Escape(change.Title)}[/]");
        }
    }

    /// <summary>"scan 3 (2026-11-21 10:05 UTC, def5678, main)" or the JSON file's path with the same details.</summary>
    private static string Describe(ScanSnapshot scan)
    {
        var details = new[] { HistoryReport.Time(scan.Time) + " UTC", scan.ShortCommit, scan.Branch ?? "" }.Where(part => part.Length > 0);
        return $"{scan.Label} ({string.Join(", ", details)})";
    }
}
