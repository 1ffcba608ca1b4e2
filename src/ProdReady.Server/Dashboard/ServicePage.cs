using System.Text;
using Microsoft.AspNetCore.Http;
using ProdReady.History;
using ProdReady.Model;
using ProdReady.Reporting;
using ProdReady.Reporting.Html;
using ProdReady.Server.Store;
using static ProdReady.Reporting.Html.HtmlText;

namespace ProdReady.Server.Dashboard;

/// <summary>
/// `/services/{name}`: the latest assessment's category scores, the overall score over every assessment, the
/// controls not met with their evidence and fix, and what changed since the scan before (as `prodready diff` says).
/// </summary>
internal static class ServicePage
{
    public static async Task<IResult> RenderAsync(string name, HttpContext http, PortfolioStore store, ServerSettings settings, TimeProvider clock, CancellationToken cancel)
    {
        var service = await store.ServiceAsync(name, cancel: cancel);
        var history = await store.HistoryAsync(name, cancel);
        if (service is null || history is null)
        {
            return DashboardHtml.NotFound(http, "No such service", $"No service named '{name}' has pushed an assessment to this server.");
        }
        var latest = history.Count > 0 ? await store.DocumentAsync(history[0].Id, cancel) : null;
        var previous = history.Count > 1 ? await store.DocumentAsync(history[1].Id, cancel) : null;
        var now = clock.GetUtcNow();
        return DashboardHtml.Page(http, service.Name, html =>
        {
            Header(html, service, service.IsStaleAt(now, settings.StaleAfter), now);
            if (latest is null)
            {
                html.Append("<p>No assessment is stored for this service yet.</p>\n");
                return;
            }
            Section(html, "scores", "Scores", () =>
            {
                html.Append("<div class=\"charts\">\n<div class=\"chart\">\n<h3>Score per category (latest scan)</h3>\n");
                HtmlCharts.CategoryScores(html, history[0].Scores);
                html.Append("</div>\n<div class=\"chart\">\n<h3>Overall score over time</h3>\n");
                HtmlCharts.Trend(html, [.. history.Reverse().Select(Snapshot)], "each <code>prodready push</code> adds one");
                html.Append("</div>\n</div>\n");
            });
            Section(html, "not-met", "Controls not met", () => NotMet(html, StoredResults.Read(latest)));
            Section(html, "change", "Change since the previous scan", () => HtmlSections.Change(html, previous is null ? null : Diff(previous, history[1], latest, history[0])));
        });
    }

    private static void Header(StringBuilder html, ServiceSummary service, bool stale, DateTimeOffset now)
    {
        html.Append($"<header>\n<h1>{Escape(service.Name)}</h1>\n");
        var repo = service.Repo is { } link ? " · repository " + LinkOrText(link) : "";
        html.Append($"<p class=\"meta\">owner: {Escape(service.Owner ?? "not declared")} · tier: {Escape(service.Tier)}{repo}</p>\n");
        if (service.Latest is { } latest)
        {
            var commit = latest.Commit is { Length: > 0 } sha ? $" · commit <code>{Escape(sha[..Math.Min(7, sha.Length)])}</code>" : "";
            html.Append($"<p class=\"meta\">last scan {Time(latest.ScannedAt)} ({DashboardHtml.Age(now, latest.ScannedAt)}){commit}{(stale ? " <span class=\"flag\" id=\"stale\">stale</span>" : "")}</p>\n");
            var level = Ids.Level(latest.Level)?.ToDisplay().ToUpperInvariant() ?? latest.Level;
            html.Append($"<p class=\"headline\">Overall <strong>{ReportText.Percent(latest.Overall)}</strong> / 100 · level <strong>{Escape(level)}</strong> · {DashboardHtml.Plural(latest.P0Failures, "P0 failure")}</p>\n");
        }
        html.Append("</header>\n");
    }

    /// <summary>Failing, then partly met controls, most important first, each with its evidence and where to fix it.</summary>
    private static void NotMet(StringBuilder html, IReadOnlyList<StoredResult> results)
    {
        var notMet = results.Where(result => result.Status is ResultStatus.Fail or ResultStatus.Partial)
            .OrderBy(result => result.Status == ResultStatus.Fail ? 0 : 1).ThenBy(result => result.Priority).ThenBy(result => result.Id, StringComparer.Ordinal).ToList();
        if (notMet.Count == 0)
        {
            html.Append("<p>Every control passes, is waived or does not apply.</p>\n");
            return;
        }
        html.Append("<table id=\"failing-controls\">\n<caption>Controls that fail or are only partly met in the latest scan, with the evidence and the fix</caption>\n");
        html.Append("<thead><tr><th scope=\"col\">Priority</th><th scope=\"col\">Control</th><th scope=\"col\">Status</th><th scope=\"col\">Why</th><th scope=\"col\">Evidence and fix</th></tr></thead>\n<tbody>\n");
        foreach (var result in notMet)
        {
            html.Append($"<tr data-control=\"{Escape(result.Id)}\"><td>{result.Priority}</td>");
            html.Append($"<td><a href=\"{Escape(DashboardHtml.ControlHref(result.Id))}\"><code>{Escape(result.Id)}</code></a> {Escape(result.Title)}</td>");
            html.Append($"<td>{HtmlControlsTable.Badge(result.Status)}</td><td>{Escape(result.Reason)}</td><td>");
            var fixAt = result.FixAt is { } file ? $" at <code>{Escape(file)}</code>" : "";
            html.Append($"<p class=\"fix\">Fix{fixAt}: {Escape(result.Remediation)}</p>");
            if (result.Evidence.Count > 0)
            {
                // Folded like the report's, so that a scan with many failures stays a page one can scroll through.
                html.Append($"<details><summary>{DashboardHtml.Plural(result.Evidence.Count, "piece")} of evidence</summary><ul class=\"evidence\">");
                foreach (var evidence in result.Evidence)
                {
                    var sign = evidence.Supports ? "<span class=\"up\">supports</span>" : "<span class=\"down\">refutes</span>";
                    var place = evidence.Place is { } at ? $" <code>{Escape(at)}</code>" : "";
                    html.Append($"<li>{sign}{place} {Escape(evidence.Detector)}: {Escape(evidence.Message)}");
                    if (evidence.Excerpt is { Length: > 0 } excerpt)
                    {
                        html.Append($"<pre>{Escape(excerpt)}</pre>");
                    }
                    html.Append("</li>");
                }
                html.Append("</ul></details>");
            }
            html.Append("</td></tr>\n");
        }
        html.Append("</tbody>\n</table>\n");
    }

    private static SnapshotDiff? Diff(string beforeJson, AssessmentRecord before, string afterJson, AssessmentRecord after)
    {
        try
        {
            return SnapshotDiff.Between(AssessmentFile.Parse(beforeJson, Label(before)), AssessmentFile.Parse(afterJson, Label(after)));
        }
        catch (HistoryException)
        {
            // Stored documents passed the same reader at ingest; one that no longer does (a schema this version
            // cannot read) leaves the section saying there is no change to show rather than failing the page.
            return null;
        }
    }

    /// <summary>The stored assessment as the trend chart needs it: when, which, and the overall score.</summary>
    private static ScanSnapshot Snapshot(AssessmentRecord record) => new()
    {
        Id = record.Id,
        Label = Label(record),
        Time = record.ScannedAt,
        Commit = record.Commit,
        Overall = record.Overall,
        Level = Ids.Level(record.Level) ?? ReadinessLevel.NotReady,
        Categories = record.Scores,
        Controls = new Dictionary<string, ControlSnapshot>(),
    };

    private static string Label(AssessmentRecord record) => $"assessment {record.Id}";

    private static void Section(StringBuilder html, string id, string heading, Action body)
    {
        html.Append($"<section id=\"{id}\" aria-labelledby=\"{id}-heading\">\n<h2 id=\"{id}-heading\">{heading}</h2>\n");
        body();
        html.Append("</section>\n");
    }
}
