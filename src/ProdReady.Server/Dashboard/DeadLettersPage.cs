using Microsoft.AspNetCore.Http;
using ProdReady.Server.Store;
using static ProdReady.Reporting.Html.HtmlText;

namespace ProdReady.Server.Dashboard;

/// <summary>
/// `/webhooks/dead-letters`: webhook deliveries that gave up, for a session signed in with an `admin` key (they name
/// the endpoints), each with a form that sends it again (antiforgery token, then back here: post, redirect, get).
/// </summary>
internal static class DeadLettersPage
{
    public const string Path = "/webhooks/dead-letters";

    public static async Task<IResult> RenderAsync(HttpContext http, PortfolioStore store, long? resent, CancellationToken cancel)
    {
        var letters = await store.DeadLettersAsync(cancel);
        var token = DashboardSession.FormToken(http);
        return DashboardHtml.Page(http, "Webhook dead letters", html =>
        {
            html.Append("<h1>Webhook dead letters</h1>\n");
            if (resent is { } id)
            {
                html.Append($"<p role=\"status\" id=\"resent\">Delivery {id} is queued again; it goes out within a few seconds.</p>\n");
            }
            if (letters.Count == 0)
            {
                html.Append("<p>No delivery has given up: every webhook reached its endpoint or is still being retried.</p>\n");
                return;
            }
            html.Append("<table id=\"dead-letters\">\n<caption>Deliveries parked after their last attempt failed, most recent first</caption>\n");
            html.Append("<thead><tr><th scope=\"col\">Delivery</th><th scope=\"col\">Service</th><th scope=\"col\">Event</th><th scope=\"col\">Endpoint</th>");
            html.Append("<th scope=\"col\">Attempts</th><th scope=\"col\">Last error</th><th scope=\"col\">Given up</th><th scope=\"col\"><span class=\"muted\">Action</span></th></tr></thead>\n<tbody>\n");
            foreach (var letter in letters)
            {
                html.Append($"<tr data-delivery=\"{letter.Id}\"><th scope=\"row\">{letter.Id}</th>");
                html.Append($"<td><a href=\"{Escape(DashboardHtml.ServiceHref(letter.Service))}\">{Escape(letter.Service)}</a></td><td>{Escape(letter.Event)}</td>");
                html.Append($"<td><code>{Escape(letter.Url)}</code></td><td>{letter.Attempts}</td><td>{Escape(letter.LastError ?? "–")}</td><td>{Time(letter.DeadLetteredAt)}</td>");
                html.Append($"<td><form method=\"post\" action=\"{Path}/{letter.Id}/resend\">");
                html.Append($"<input type=\"hidden\" name=\"{Escape(token.FormFieldName)}\" value=\"{Escape(token.RequestToken ?? "")}\" />");
                html.Append($"<button type=\"submit\" aria-label=\"Send delivery {letter.Id} again\">Send again</button></form></td></tr>\n");
            }
            html.Append("</tbody>\n</table>\n");
        });
    }

    public static async Task<IResult> ResendAsync(long id, HttpContext http, PortfolioStore store, CancellationToken cancel)
    {
        if (DashboardSession.NotAForm(http) is { } notAForm)
        {
            return notAForm;
        }
        if (!await DashboardSession.IsFormGenuineAsync(http))
        {
            return DashboardHtml.Page(http, "Not sent", html => html.Append($"<h1>Not sent</h1>\n<p>{Escape(SignInPage.Forged)}</p>\n"), StatusCodes.Status400BadRequest);
        }
        return await store.ResendDeadLetterAsync(id, cancel)
            ? TypedResults.Redirect($"{Path}?resent={id}")
            : DashboardHtml.NotFound(http, "No such dead letter", $"Delivery {id} is not a dead letter (any more).");
    }
}
