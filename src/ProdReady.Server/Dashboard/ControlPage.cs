using System.Text;
using Microsoft.AspNetCore.Http;
using ProdReady.Model;
using ProdReady.Reporting.Html;
using ProdReady.Server.Store;
using static ProdReady.Reporting.Html.HtmlText;

namespace ProdReady.Server.Dashboard;

/// <summary>`/controls/{id}`: a campaign view of one control, the services whose latest scan fails it first (since when), then the others.</summary>
internal static class ControlPage
{
    public static async Task<IResult> RenderAsync(string id, HttpContext http, PortfolioStore store, TimeProvider clock, CancellationToken cancel)
    {
        var standings = await store.ControlAsync(id, cancel);
        if (standings.Count == 0)
        {
            return DashboardHtml.NotFound(http, "No such control", $"No service's latest assessment has a control '{id}'.");
        }
        var since = (await store.FailingSinceAsync(id, cancel)).ToDictionary(failure => failure.Service, failure => failure.Since, StringComparer.Ordinal);
        // Title and fix as the newest of the latest scans states them (a team's catalog may have changed them since older scans).
        var newest = standings.MaxBy(standing => standing.ScannedAt)!;
        var control = await store.DocumentAsync(newest.AssessmentId, cancel) is { } document
            ? StoredResults.Read(document).FirstOrDefault(result => result.Id == id)
            : null;
        var failing = standings.Where(standing => standing.Fails).ToList();
        var now = clock.GetUtcNow();
        return DashboardHtml.Page(http, id, html =>
        {
            html.Append($"<header>\n<h1><code>{Escape(id)}</code> {Escape(control?.Title ?? "")}</h1>\n");
            html.Append($"<p class=\"meta\">{Escape(control?.Category ?? "")} · {Escape(newest.Priority)} · fails in the latest scan of {failing.Count} of {DashboardHtml.Plural(standings.Count, "service")}</p>\n");
            if (control is not null)
            {
                html.Append($"<p>Fix: {Escape(control.Remediation)}</p>\n");
            }
            html.Append("</header>\n");
            html.Append($"<section id=\"failing\" aria-labelledby=\"failing-heading\">\n<h2 id=\"failing-heading\">Failing ({failing.Count})</h2>\n");
            if (failing.Count == 0)
            {
                html.Append("<p>No service's latest scan fails this control.</p>\n");
            }
            else
            {
                Table(html, "failing-services", "Services whose latest scan fails the control, and since when", failing, "Failing since",
                    standing => since.TryGetValue(standing.Service, out var from) ? $"<time datetime=\"{from.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}\">{Time(from)}</time> ({DashboardHtml.Age(now, from)})" : "–");
            }
            html.Append("</section>\n");
            var others = standings.Where(standing => !standing.Fails).ToList();
            html.Append($"<section id=\"others\" aria-labelledby=\"others-heading\">\n<h2 id=\"others-heading\">Others ({others.Count})</h2>\n");
            if (others.Count > 0)
            {
                Table(html, "other-services", "Services whose latest scan does not fail the control", others, "Status",
                    standing => Ids.Status(standing.Status) is { } status ? HtmlControlsTable.Badge(status) : Escape(standing.Status));
            }
            html.Append("</section>\n");
        });
    }

    private static void Table(StringBuilder html, string id, string caption, IReadOnlyList<ControlStanding> standings, string lastHeading, Func<ControlStanding, string> last)
    {
        html.Append($"<table id=\"{id}\">\n<caption>{caption}</caption>\n");
        html.Append($"<thead><tr><th scope=\"col\">Service</th><th scope=\"col\">Owner</th><th scope=\"col\">Tier</th><th scope=\"col\">Latest scan</th><th scope=\"col\">{lastHeading}</th></tr></thead>\n<tbody>\n");
        foreach (var standing in standings)
        {
            html.Append($"<tr data-service=\"{Escape(standing.Service)}\"><th scope=\"row\"><a href=\"{Escape(DashboardHtml.ServiceHref(standing.Service))}\">{Escape(standing.Service)}</a></th>");
            html.Append($"<td>{Escape(standing.Owner ?? "–")}</td><td>{Escape(standing.Tier)}</td><td>{Time(standing.ScannedAt)}</td><td>{last(standing)}</td></tr>\n");
        }
        html.Append("</tbody>\n</table>\n");
    }
}
