using System.Text;
using ProdReady.Model;
using static ProdReady.Reporting.Html.HtmlText;

namespace ProdReady.Reporting.Html;

/// <summary>
/// Every control in one table with its evidence, plus the filter form the script wires up. The form starts hidden:
/// without the script it could not do anything, and the table reads the same without it.
/// </summary>
internal static class HtmlControlsTable
{
    public static void Render(StringBuilder html, IReadOnlyList<ControlResult> results)
    {
        Filters(html, results);
        html.Append("<p class=\"shown muted\" id=\"shown\" aria-live=\"polite\"></p>\n");
        html.Append("<table id=\"controls\">\n");
        html.Append($"<caption>{HtmlCharts.Plural(results.Count, "control")}, each with its status, the reason and the evidence behind it</caption>\n");
        html.Append("<thead><tr>");
        foreach (var column in new[] { "Id", "Title", "Category", "Priority", "Status", "Reason", "Evidence and fix" })
        {
            html.Append($"<th scope=\"col\">{column}</th>");
        }
        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var result in results)
        {
            Row(html, result);
        }
        html.Append("</tbody>\n</table>\n");
    }

    /// <summary>The anchor of a control's row, for links from the next steps and the risk register.</summary>
    public static string Anchor(string controlId) => "control-" + controlId;

    public static string Badge(ResultStatus status) => $"<span class=\"badge {status.ToId()}\">{HtmlCharts.StatusLabel(status)}</span>";

    private static void Filters(StringBuilder html, IReadOnlyList<ControlResult> results)
    {
        html.Append("<form class=\"filters\" id=\"filters\" hidden=\"hidden\" role=\"search\" aria-label=\"Filter the controls\">\n");
        Select(html, "status", "Status", HtmlCharts.StatusOrder.Select(status =>
            (status.ToId(), $"{HtmlCharts.StatusLabel(status)} ({results.Count(result => result.Status == status)})")));
        Select(html, "priority", "Priority", Enum.GetValues<Priority>().Select(priority => (priority.ToString(), priority.ToString())));
        // Known categories in reporting order, then any others a team's rules use.
        var categories = results.Select(result => result.Control.Category).Distinct()
            .OrderBy(category => Category.IsKnown(category) ? Category.All.ToList().IndexOf(category) : int.MaxValue).ThenBy(category => category, StringComparer.Ordinal);
        Select(html, "category", "Category", categories.Select(category => (category, category)));
        html.Append("<label for=\"filter-text\">Text<input id=\"filter-text\" type=\"search\" placeholder=\"id, title, reason, file\" /></label>\n");
        html.Append("<button type=\"reset\">Clear filters</button>\n</form>\n");
    }

    private static void Select(StringBuilder html, string name, string label, IEnumerable<(string Value, string Text)> options)
    {
        html.Append($"<label for=\"filter-{name}\">{label}<select id=\"filter-{name}\"><option value=\"\">all</option>");
        foreach (var (value, text) in options)
        {
            html.Append($"<option value=\"{Escape(value)}\">{Escape(text)}</option>");
        }
        html.Append("</select></label>\n");
    }

    private static void Row(StringBuilder html, ControlResult result)
    {
        var control = result.Control;
        html.Append($"<tr id=\"{Escape(Anchor(control.Id))}\" data-status=\"{result.Status.ToId()}\" data-priority=\"{control.Priority}\" data-category=\"{Escape(control.Category)}\">");
        html.Append($"<td><code>{Escape(control.Id)}</code></td><td>{Escape(control.Title)}</td><td>{Escape(control.Category)}</td><td>{control.Priority}</td>");
        html.Append($"<td>{Badge(result.Status)}</td><td>{Escape(ReportText.Why(result))}</td><td>");
        Details(html, result);
        html.Append("</td></tr>\n");
    }

    private static void Details(StringBuilder html, ControlResult result)
    {
        var control = result.Control;
        html.Append($"<details><summary>{HtmlCharts.Plural(result.Evidence.Count, "piece")} of evidence</summary>");
        if (result.Evidence.Count > 0)
        {
            html.Append("<ul class=\"evidence\">");
            foreach (var evidence in result.Evidence)
            {
                Evidence(html, evidence);
            }
            html.Append("</ul>");
        }
        if (result.LookedFor.Count > 0)
        {
            html.Append($"<p>Looked for: {Escape(string.Join("; ", result.LookedFor))}</p>");
        }
        if (result.ScannedStatus is { } scanned)
        {
            html.Append($"<p>The scan alone said {HtmlCharts.StatusLabel(scanned)}; prodready.yml changed it.</p>");
        }
        if (result.Status is ResultStatus.Fail or ResultStatus.Partial or ResultStatus.Unknown)
        {
            html.Append($"<p>Fix at <code>{Escape(ReportText.Place(result).ToString())}</code>: {Escape(control.Remediation)}</p>");
        }
        if (control.References.Count > 0)
        {
            html.Append("<p>References: ").Append(string.Join(", ", control.References.Select(LinkOrText))).Append("</p>");
        }
        html.Append($"<p class=\"muted\">Rule: <code>{Escape(control.Origin.ToString())}</code></p></details>");
    }

    private static void Evidence(StringBuilder html, Evidence evidence)
    {
        var sign = evidence.Supports ? "<span class=\"up\">supports</span>" : "<span class=\"down\">refutes</span>";
        html.Append($"<li>{sign} <code>{Escape(evidence.Location)}</code> {Escape(evidence.Detector)}: {Escape(evidence.Message)}");
        if (evidence.Excerpt is { Length: > 0 } excerpt)
        {
            html.Append($"<pre>{Escape(excerpt)}</pre>");
        }
        if (evidence.Expires is { } expires)
        {
            html.Append($" <span class=\"muted\">(until {Ids.Day(expires)})</span>");
        }
        // Live evidence is located by its URL; an attestation is located in prodready.yml and its URL is the record.
        if (evidence.File is not null && evidence.Url is { } record)
        {
            html.Append(" record: ").Append(LinkOrText(record));
        }
        html.Append("</li>");
    }
}
