using System.Text;
using ProdReady.History;
using ProdReady.Model;
using static ProdReady.Reporting.Html.HtmlText;

namespace ProdReady.Reporting.Html;

/// <summary>The sections around the charts and the table: header, next steps, risks, declarations, change, input problems.</summary>
internal static class HtmlSections
{
    public static void Header(StringBuilder html, Assessment assessment, string serviceName)
    {
        var scores = assessment.Scores;
        var commit = assessment.Commit is { Length: > 0 } sha ? $" · commit <code>{Escape(sha[..Math.Min(7, sha.Length)])}</code>" + (assessment.Branch is { } branch ? $" on {Escape(branch)}" : "") : "";
        html.Append($"<header>\n<h1>Production readiness: {Escape(serviceName)}</h1>\n");
        html.Append($"<p class=\"meta\">{Escape(assessment.Target)}{commit} · scanned {Time(assessment.Time)} · prodready {Escape(assessment.ToolVersion)}</p>\n");
        var service = assessment.Service;
        html.Append($"<p class=\"meta\">owner: {Escape(service.Owner ?? "not declared")} · tier: {service.Tier.ToId()}</p>\n");
        html.Append($"<p class=\"headline\">Overall <strong>{ReportText.Percent(scores.Overall.Value)}</strong> / 100 · level <strong>{scores.Level.ToDisplay().ToUpperInvariant()}</strong></p>\n");
        html.Append($"<p>{Escape(ReportText.Sentence(scores.LevelReason))}</p>\n");
        html.Append($"<p class=\"muted\">{Escape(ReportText.StackLine(assessment.Stack))}</p>\n");
        if (assessment.Live is { } live)
        {
            html.Append($"<p class=\"muted\">{Escape(ReportText.LiveLine(live))}</p>\n");
        }
        html.Append("</header>\n");
    }

    public static void NextSteps(StringBuilder html, IReadOnlyList<ControlResult> steps)
    {
        if (steps.Count == 0)
        {
            html.Append("<p>Nothing to do: no control fails, is partly met or is unknown.</p>\n");
            return;
        }
        html.Append($"<p>{HtmlCharts.Plural(steps.Count, "control")} not met or not assessed, most important first.</p>\n<ol class=\"steps\">\n");
        foreach (var result in steps)
        {
            var control = result.Control;
            html.Append($"<li>{HtmlControlsTable.Badge(result.Status)} <strong>{control.Priority}</strong> {ControlLink(control)} {Escape(control.Title)}: {Escape(ReportText.Why(result))}");
            html.Append($"<br />Fix at <code>{Escape(ReportText.Place(result).ToString())}</code>: {Escape(control.Remediation)}</li>\n");
        }
        html.Append("</ol>\n");
    }

    public static void Risks(StringBuilder html, IReadOnlyList<ControlResult> risks)
    {
        if (risks.Count == 0)
        {
            html.Append("<p>No P0 or P1 control fails or is only partly met.</p>\n");
            return;
        }
        html.Append("<table id=\"risk-table\">\n<caption>P0 and P1 controls that fail or are only partly met</caption>\n");
        html.Append("<thead><tr><th scope=\"col\">Priority</th><th scope=\"col\">Control</th><th scope=\"col\">Status</th><th scope=\"col\">Why it matters</th><th scope=\"col\">What the scan found</th></tr></thead>\n<tbody>\n");
        foreach (var result in risks)
        {
            var control = result.Control;
            html.Append($"<tr><td>{control.Priority}</td><td>{ControlLink(control)} {Escape(control.Title)}</td><td>{HtmlControlsTable.Badge(result.Status)}</td>");
            html.Append($"<td>{Escape(control.Rationale)}</td><td>{Escape(ReportText.Why(result))}</td></tr>\n");
        }
        html.Append("</tbody>\n</table>\n");
    }

    public static void Declarations(StringBuilder html, IReadOnlyList<DeclaredItem> declarations)
    {
        if (declarations.Count == 0)
        {
            html.Append("<p>prodready.yml declares no waiver, attestation or not-applicable control.</p>\n");
            return;
        }
        html.Append("<table id=\"declaration-table\">\n<caption>Waivers, attestations and not-applicable declarations in prodready.yml</caption>\n");
        html.Append("<thead><tr><th scope=\"col\">Control</th><th scope=\"col\">Declared</th><th scope=\"col\">Status</th><th scope=\"col\">Terms</th><th scope=\"col\">Until</th><th scope=\"col\">Where</th></tr></thead>\n<tbody>\n");
        foreach (var (result, declaration) in declarations)
        {
            var record = declaration.Url is { } url ? " · record: " + LinkOrText(url) : "";
            html.Append($"<tr><td>{ControlLink(result.Control)} {Escape(result.Control.Title)}</td><td>{Escape(declaration.Detector)}</td><td>{HtmlControlsTable.Badge(result.Status)}</td>");
            html.Append($"<td>{Escape(declaration.Message)}{record}</td><td>{(declaration.Expires is { } until ? Ids.Day(until) : "–")}</td><td><code>{Escape(declaration.Location)}</code></td></tr>\n");
        }
        html.Append("</tbody>\n</table>\n");
    }

    public static void Change(StringBuilder html, SnapshotDiff? change)
    {
        if (change is null)
        {
            html.Append("<p>No earlier recorded scan has different results, so there is no change to show.</p>\n");
            return;
        }
        var before = change.Before;
        var commit = before.ShortCommit.Length > 0 ? $" at commit <code>{Escape(before.ShortCommit)}</code>" : "";
        html.Append($"<p>Since {Escape(before.Label)} ({Time(before.Time)}{commit}); moves of {Number(SnapshotDiff.NotableMove)} points or more are marked ▲ or ▼.</p>\n");
        html.Append("<table id=\"score-changes\">\n<caption>Scores before and after</caption>\n");
        html.Append("<thead><tr><th scope=\"col\">Score</th><th scope=\"col\">Before</th><th scope=\"col\">After</th><th scope=\"col\">Change</th></tr></thead>\n<tbody>\n");
        foreach (var score in change.Categories.Where(score => score.Before is not null || score.After is not null).Prepend(change.Overall))
        {
            var highlight = score.IsNotable ? $" class=\"notable {(score.Delta > 0 ? "up" : "down")}\"" : "";
            html.Append($"<tr{highlight}><td>{Escape(score.Name)}</td><td>{ReportText.Percent(score.Before)}</td><td>{ReportText.Percent(score.After)}</td><td>{Escape(ScoreMoveText.Plain(score))}</td></tr>\n");
        }
        html.Append("</tbody>\n</table>\n");
        var moves = change.Worse.Concat(change.Better).Concat(change.Changed.Where(c => c.Direction == ChangeDirection.Neutral)).Concat(change.Added).Concat(change.Removed).ToList();
        if (moves.Count == 0)
        {
            html.Append("<p>No control changed status.</p>\n");
            return;
        }
        html.Append("<ul id=\"control-changes\">\n");
        foreach (var move in moves)
        {
            var (mark, style) = move.Direction switch
            {
                ChangeDirection.Worse => ("▼ worse", " class=\"down\""),
                ChangeDirection.Better => ("▲ better", " class=\"up\""),
                _ => (move.Before is null ? "added" : move.After is null ? "removed" : "changed", ""),
            };
            html.Append($"<li{style}>{mark}: <strong>{move.Priority}</strong> <code>{Escape(move.Id)}</code> {Escape(move.Title)}: {Side(move.Before)} → {Side(move.After)}</li>\n");
        }
        html.Append("</ul>\n");
    }

    public static void Diagnostics(StringBuilder html, IReadOnlyList<Diagnostic> diagnostics)
    {
        html.Append($"<p>{HtmlCharts.Plural(diagnostics.Count, "input problem")}; the scan went on without the input.</p>\n<ul>\n");
        foreach (var diagnostic in diagnostics)
        {
            html.Append($"<li>{diagnostic.Severity.ToString().ToLowerInvariant()} <code>{Escape(diagnostic.ToString())}</code></li>\n");
        }
        html.Append("</ul>\n");
    }

    private static string ControlLink(Control control) => $"<a href=\"#{Escape(HtmlControlsTable.Anchor(control.Id))}\"><code>{Escape(control.Id)}</code></a>";

    private static string Side(ControlSnapshot? side) => side is null ? "absent" : HtmlCharts.StatusLabel(side.Status);
}
