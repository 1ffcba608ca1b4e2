using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Http;
using ProdReady.Reporting.Html;
using static ProdReady.Reporting.Html.HtmlText;

namespace ProdReady.Server.Dashboard;

/// <summary>
/// The frame of every dashboard page: the HTML report's stylesheet plus a few dashboard rules in one inline style
/// allowed by its hash, no script, a header with the signed-in key and a sign-out form. Pages are well-formed XML
/// like the report, and say Content-Security-Policy in a header: nothing loads from anywhere, forms post here only.
/// </summary>
internal static class DashboardHtml
{
    public static string Css { get; } = HtmlStyle.Css + """
        .site { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; justify-content: space-between; margin-bottom: 1rem; padding-bottom: 0.5rem; border-bottom: 1px solid var(--border); }
        .site a.home { font-weight: 700; text-decoration: none; }
        .site form { display: inline; margin: 0 0 0 0.5rem; }
        .totals { display: flex; flex-wrap: wrap; gap: 0.25rem 1.5rem; margin: 0.5rem 0 1rem; padding: 0; list-style: none; }
        .totals strong { font-size: 1.2rem; }
        .flag { display: inline-block; padding: 0 0.4em; border-left: 4px solid var(--partial); border-radius: 4px; background: var(--partial-bg); font-size: 0.85em; font-weight: 600; }
        .pager { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; margin: 1rem 0; }
        tbody th { white-space: normal; }
        #services td.number, #services th.number { text-align: right; white-space: nowrap; }
        .sparkline { display: block; }
        .sparkline .line { fill: none; stroke: var(--accent); stroke-width: 1.5; }
        .sparkline .point { fill: var(--accent); }
        .signin { max-width: 32rem; }
        .signin label { display: block; margin: 1rem 0 0.25rem; font-weight: 600; }
        .signin input { width: 100%; }
        .signin button { margin-top: 1rem; }
        .alert { padding: 0.5rem 0.75rem; border-left: 4px solid var(--fail); background: var(--fail-bg); border-radius: 4px; }

        """;

    private static readonly string Policy =
        $"default-src 'none'; style-src '{CspHash(Css)}'; img-src data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>The page with <paramref name="title"/> and the body <paramref name="main"/> writes, as a response with <paramref name="status"/>.</summary>
    public static IResult Page(HttpContext http, string title, Action<StringBuilder> main, int status = StatusCodes.Status200OK)
    {
        var html = new StringBuilder(16 * 1024);
        html.Append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n");
        html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n");
        html.Append($"<title>{Escape(title)} · ProdReady</title>\n");
        html.Append("<style>").Append(Css).Append("</style>\n</head>\n<body>\n");
        Header(html, http);
        html.Append("<main>\n");
        main(html);
        html.Append("</main>\n</body>\n</html>\n");

        http.Response.Headers.ContentSecurityPolicy = Policy;
        // Pages show a private portfolio: no shared cache keeps them, and no back button shows them after signing out.
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.Content(html.ToString(), "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    /// <summary>A page saying what is not there, with status 404.</summary>
    public static IResult NotFound(HttpContext http, string title, string message) =>
        Page(http, title, html => html.Append($"<h1>{Escape(title)}</h1>\n<p>{Escape(message)}</p>\n<p><a href=\"/\">Back to the portfolio</a></p>\n"),
            StatusCodes.Status404NotFound);

    public static string ServiceHref(string name) => "/services/" + Uri.EscapeDataString(name);

    public static string ControlHref(string id) => "/controls/" + Uri.EscapeDataString(id);

    /// <summary>"3 days ago": how long ago, in the largest unit that is at least 1.</summary>
    public static string Age(DateTimeOffset now, DateTimeOffset then)
    {
        var age = now - then;
        return age.TotalMinutes < 1 ? "just now"
            : age.TotalHours < 1 ? Plural((int)age.TotalMinutes, "minute") + " ago"
            : age.TotalDays < 2 ? Plural((int)age.TotalHours, "hour") + " ago"
            : Plural((int)age.TotalDays, "day") + " ago";
    }

    public static string Plural(int count, string noun) => HtmlCharts.Plural(count, noun);

    private static void Header(StringBuilder html, HttpContext http)
    {
        html.Append("<header class=\"site\">\n<a class=\"home\" href=\"/\">ProdReady portfolio</a>\n<div>");
        if (http.User.Identity is { IsAuthenticated: true, AuthenticationType: DashboardSession.Scheme })
        {
            var token = DashboardSession.FormToken(http);
            if (http.User.HasClaim(ProdReady.Server.Auth.ApiKeyAuthentication.ScopeClaim, ProdReady.Server.Auth.KeyScopes.Admin))
            {
                html.Append($"<a href=\"{DeadLettersPage.Path}\">Webhook dead letters</a> ");
            }
            html.Append($"<span class=\"muted\">signed in with key {Escape(http.User.FindFirstValue(ClaimTypes.Name) ?? "")}</span>");
            html.Append("<form method=\"post\" action=\"/signout\">");
            html.Append($"<input type=\"hidden\" name=\"{Escape(token.FormFieldName)}\" value=\"{Escape(token.RequestToken ?? "")}\" />");
            html.Append("<button type=\"submit\">Sign out</button></form>");
        }
        else if (http.Request.Path != DashboardSession.SignInPath)
        {
            html.Append($"<a href=\"{DashboardSession.SignInPath}\">Sign in</a>");
        }
        html.Append("</div>\n</header>\n");
    }
}
