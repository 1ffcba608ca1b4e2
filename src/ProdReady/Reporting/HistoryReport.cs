using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using ProdReady.History;
using ProdReady.Model;
using Spectre.Console;

namespace ProdReady.Reporting;

/// <summary>`prodready history`: the listed scans with their change from the scan before, then a trend line per score.</summary>
public static class HistoryReport
{
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <param name="scans">The scans to show, oldest first.</param>
    /// <param name="previous">The scan before the first one shown, so its change can be given too.</param>
    /// <param name="total">How many scans the store holds.</param>
    public static void Render(IReadOnlyList<ScanSnapshot> scans, ScanSnapshot? previous, long total, string store, IAnsiConsole console)
    {
        if (scans.Count == 0)
        {
            console.MarkupLine($"No scans recorded yet in {Markup.Escape(store)}: `prodready scan` records every scan.");
            return;
        }
        var shown = scans.Count == total ? $"{total} scan{(total == 1 ? "" : "s")}" : $"the last {scans.Count} of {total} scans";
        console.MarkupLine($"[bold]History[/] · {Markup.Escape(store)} · {shown}");
        var table = new Table().Border(TableBorder.Simple)
            .AddColumn(new TableColumn("id").RightAligned()).AddColumn("time (UTC)").AddColumn("commit").AddColumn("branch")
            .AddColumn(new TableColumn("overall").RightAligned()).AddColumn("level").AddColumn(new TableColumn("change").RightAligned());
        foreach (var (scan, before) in WithPrevious(scans, previous))
        {
            table.AddRow(
                scan.Id?.ToString(CultureInfo.InvariantCulture) ?? "",
                Time(scan.Time),
                Markup.Escape(scan.ShortCommit),
                Markup.Escape(scan.Branch ?? ""),
                ReportText.Percent(scan.Overall),
                scan.Level.ToDisplay(),
                before is null ? "" : ScoreMoveText.Markup(new ScoreChange("overall", before.Overall, scan.Overall)));
        }
        console.Write(table);
        console.MarkupLine($"[bold]Trend[/] [grey](oldest → newest, each bar a score on 0–100; ▲/▼ marks a move of {SnapshotDiff.NotableMove:0} points or more)[/]");
        var width = Rows(scans).Max(row => row.Name.Length);
        foreach (var row in Rows(scans))
        {
            var change = new ScoreChange(row.Name, row.Values[0], row.Values[^1]);
            var range = $"{ReportText.Percent(change.Before),5} → {ReportText.Percent(change.After),5}";
            console.MarkupLine($"  {Markup.Escape(row.Name.PadRight(width))}  {Sparkline.Of(row.Values)}  {range}  {ScoreMoveText.Markup(change)}");
        }
        console.MarkupLine("[grey]`prodready diff A B` shows which controls changed between two scans.[/]");
    }

    public static string ToJson(IReadOnlyList<ScanSnapshot> scans, ScanSnapshot? previous, long total, string store)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteString("store", store);
            json.WriteNumber("total", total);
            json.WriteStartArray("scans");
            foreach (var (scan, before) in WithPrevious(scans, previous))
            {
                json.WriteStartObject();
                SnapshotJson.WriteHeader(json, scan);
                var change = new ScoreChange("overall", before?.Overall, scan.Overall);
                SnapshotJson.WriteNumber(json, "change", change.Delta);
                json.WriteBoolean("notable", change.IsNotable);
                json.WriteStartObject("categories");
                foreach (var category in scan.Categories)
                {
                    SnapshotJson.WriteNumber(json, category.Name, category.Value);
                }
                json.WriteEndObject();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static IEnumerable<(ScanSnapshot Scan, ScanSnapshot? Before)> WithPrevious(IReadOnlyList<ScanSnapshot> scans, ScanSnapshot? previous)
    {
        foreach (var scan in scans)
        {
            yield return (scan, previous);
            previous = scan;
        }
    }

    /// <summary>Overall, then each category any listed scan scored, in reporting order.</summary>
    private static IEnumerable<(string Name, double?[] Values)> Rows(IReadOnlyList<ScanSnapshot> scans)
    {
        yield return ("overall", [.. scans.Select(scan => scan.Overall)]);
        foreach (var name in scans.SelectMany(scan => scan.Categories).Select(category => category.Name).Distinct(StringComparer.Ordinal))
        {
            yield return (name, [.. scans.Select(scan => scan.CategoryValue(name))]);
        }
    }

    internal static string Time(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
