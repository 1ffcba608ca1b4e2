using System.Text;
using Microsoft.AspNetCore.Http;
using ProdReady.Model;
using ProdReady.Reporting;
using ProdReady.Server.Store;
using static ProdReady.Reporting.Html.HtmlText;

namespace ProdReady.Server.Dashboard;

/// <summary>
/// `/`: every service in one table, sorted, filtered and paged by the server through plain links and a GET form, so
/// it works without JavaScript and a page costs the same with 50 services or 5,000.
/// </summary>
internal static class PortfolioPage
{
    private static readonly (string Heading, PortfolioSort Sort, bool Number)[] Columns =
    [
        ("Service", PortfolioSort.Name, false), ("Owner", PortfolioSort.Owner, false), ("Tier", PortfolioSort.Tier, false),
        ("Level", PortfolioSort.Level, false), ("Score", PortfolioSort.Score, true), ("P0 failures", PortfolioSort.P0, true),
        ("Last scan", PortfolioSort.LastScan, false),
    ];

    public static async Task<IResult> RenderAsync(HttpContext http, PortfolioStore store, PortfolioCache cache, ServerSettings settings, TimeProvider clock, CancellationToken cancel)
    {
        var request = PortfolioRequest.From(http.Request.Query);
        var now = clock.GetUtcNow();
        var body = await cache.GetAsync(request.Href(), now, () => BodyAsync(request, store, settings, now, cancel), cancel);
        return DashboardHtml.Page(http, "Portfolio", html => html.Append(body));
    }

    private static async Task<string> BodyAsync(PortfolioRequest request, PortfolioStore store, ServerSettings settings, DateTimeOffset now, CancellationToken cancel)
    {
        var result = await store.PortfolioPageAsync(request.Query, now - settings.StaleAfter, cancel: cancel);
        var pages = Math.Max(1, (result.Totals.Services + PortfolioRequest.PageSize - 1) / PortfolioRequest.PageSize);
        if (request.Page > pages)
        {
            request = request with { Page = pages };
            result = await store.PortfolioPageAsync(request.Query, now - settings.StaleAfter, cancel: cancel);
        }
        var owners = await store.OwnersAsync(cancel);
        var html = new StringBuilder(32 * 1024);
        html.Append("<h1>Portfolio</h1>\n");
        Totals(html, result.Totals, request, settings.StaleAfter);
        Filters(html, request, owners);
        Table(html, request, result.Services, settings, now);
        Pager(html, request, pages, result.Totals.Services);
        return html.ToString();
    }

    private static void Totals(StringBuilder html, PortfolioTotals totals, PortfolioRequest request, TimeSpan staleAfter)
    {
        var scope = request.Owner is null && request.Tier is null ? "" : " matching the filter";
        html.Append($"<ul class=\"totals\" id=\"totals\" aria-label=\"Totals of the services{scope}\">");
        html.Append($"<li data-total=\"services\"><strong>{totals.Services}</strong> services{scope}</li>");
        foreach (var level in Enum.GetValues<ReadinessLevel>().Reverse())
        {
            html.Append($"<li data-total=\"{level.ToId()}\"><strong>{totals.ByLevel.GetValueOrDefault(level.ToId())}</strong> {level.ToDisplay()}</li>");
        }
        html.Append($"<li data-total=\"never-scanned\"><strong>{totals.NeverScanned}</strong> never scanned</li>");
        html.Append($"<li data-total=\"stale\"><strong>{totals.Stale}</strong> stale (no scan for {DashboardHtml.Plural((int)staleAfter.TotalDays, "day")})</li></ul>\n");
    }

    private static void Filters(StringBuilder html, PortfolioRequest request, IReadOnlyList<string> owners)
    {
        html.Append("<form class=\"filters\" id=\"filters\" method=\"get\" action=\"/\" role=\"search\" aria-label=\"Filter the services\">\n");
        html.Append("<label for=\"filter-owner\">Owner<select id=\"filter-owner\" name=\"owner\"><option value=\"\">all</option>");
        foreach (var owner in owners)
        {
            html.Append($"<option value=\"{Escape(owner)}\"{Selected(owner == request.Owner)}>{Escape(owner)}</option>");
        }
        html.Append("</select></label>\n<label for=\"filter-tier\">Tier<select id=\"filter-tier\" name=\"tier\"><option value=\"\">all</option>");
        foreach (var tier in Enum.GetValues<ServiceTier>().Select(tier => tier.ToId()))
        {
            html.Append($"<option value=\"{tier}\"{Selected(tier == request.Tier)}>{tier}</option>");
        }
        html.Append("</select></label>\n");
        if (request.Sort != PortfolioSort.Name)
        {
            html.Append($"<input type=\"hidden\" name=\"sort\" value=\"{PortfolioRequest.Id(request.Sort)}\" />");
        }
        if (request.Descending)
        {
            html.Append("<input type=\"hidden\" name=\"dir\" value=\"desc\" />");
        }
        html.Append("<button type=\"submit\">Filter</button> <a href=\"/\">Clear</a>\n</form>\n");

        static string Selected(bool selected) => selected ? " selected=\"selected\"" : "";
    }

    private static void Table(StringBuilder html, PortfolioRequest request, IReadOnlyList<ServiceSummary> services, ServerSettings settings, DateTimeOffset now)
    {
        if (services.Count == 0)
        {
            html.Append("<p id=\"no-services\">No service yet. CI adds one with <code>prodready push</code>.</p>\n");
            return;
        }
        html.Append("<table id=\"services\">\n<caption>Services with their latest assessment; a column heading sorts by it</caption>\n<thead><tr>");
        foreach (var (heading, sort, number) in Columns)
        {
            var sorted = request.Sort == sort;
            var aria = sorted ? $" aria-sort=\"{(request.Descending ? "descending" : "ascending")}\"" : "";
            var mark = sorted ? (request.Descending ? " ▼" : " ▲") : "";
            var href = request.Href(sort, descending: sorted && !request.Descending, page: 1);
            html.Append($"<th scope=\"col\"{(number ? " class=\"number\"" : "")}{aria}><a href=\"{Escape(href)}\">{heading}{mark}</a></th>");
            if (sort == PortfolioSort.Score)
            {
                html.Append("<th scope=\"col\">Trend</th>");
            }
        }
        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var service in services)
        {
            var latest = service.Latest;
            var stale = service.IsStaleAt(now, settings.StaleAfter);
            html.Append($"<tr data-service=\"{Escape(service.Name)}\"{(stale ? " class=\"stale\"" : "")}>");
            html.Append($"<th scope=\"row\"><a href=\"{Escape(DashboardHtml.ServiceHref(service.Name))}\">{Escape(service.Name)}</a></th>");
            html.Append($"<td>{Escape(service.Owner ?? "–")}</td><td>{Escape(service.Tier)}</td>");
            html.Append($"<td>{Escape(latest is null ? "–" : Ids.Level(latest.Level)?.ToDisplay() ?? latest.Level)}</td>");
            html.Append($"<td class=\"number\">{ReportText.Percent(latest?.Overall)}</td><td>");
            Sparkline.Render(html, service.Trend);
            html.Append($"</td><td class=\"number\">{(latest is null ? "–" : latest.P0Failures.ToString(System.Globalization.CultureInfo.InvariantCulture))}</td><td>");
            if (latest is null)
            {
                html.Append("<span class=\"muted\">never</span>");
            }
            else
            {
                html.Append($"<time datetime=\"{latest.ScannedAt.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}\" title=\"{Time(latest.ScannedAt)}\">{DashboardHtml.Age(now, latest.ScannedAt)}</time>");
                if (stale)
                {
                    html.Append(" <span class=\"flag\">stale</span>");
                }
            }
            html.Append("</td></tr>\n");
        }
        html.Append("</tbody>\n</table>\n");
    }

    private static void Pager(StringBuilder html, PortfolioRequest request, int pages, int services)
    {
        if (pages == 1)
        {
            return;
        }
        html.Append("<nav class=\"pager\" aria-label=\"Pages\">");
        if (request.Page > 1)
        {
            html.Append($"<a rel=\"prev\" href=\"{Escape(request.Href(page: request.Page - 1))}\">← Previous</a>");
        }
        var first = (request.Page - 1) * PortfolioRequest.PageSize + 1;
        html.Append($"<span id=\"page-position\">Page {request.Page} of {pages} (services {first}–{Math.Min(services, first + PortfolioRequest.PageSize - 1)})</span>");
        if (request.Page < pages)
        {
            html.Append($"<a rel=\"next\" href=\"{Escape(request.Href(page: request.Page + 1))}\">Next →</a>");
        }
        html.Append("</nav>\n");
    }
}
