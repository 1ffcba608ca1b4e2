using System.Text;
using Microsoft.AspNetCore.Http;
using ProdReady.Server.Auth;
using static ProdReady.Reporting.Html.HtmlText;

namespace ProdReady.Server.Dashboard;

/// <summary>/signin: paste a key with the read scope, get a session. /signout ends it. Both forms carry an antiforgery token.</summary>
internal static class SignInPage
{
    /// <summary>One message for an unknown, wrong, revoked, expired or write-only key: the form says nothing about which.</summary>
    public const string Rejected = "That key cannot sign in. Paste a key with the read (or admin) scope that is still active.";

    public const string Forged = "This form was not sent by this site's sign-in page, or it expired. Reload the page and try again.";

    public static IResult Show(HttpContext http, string? @return) => Form(http, DashboardSession.LocalReturn(@return), null, StatusCodes.Status200OK);

    public static async Task<IResult> SubmitAsync(HttpContext http, KeyVerifier verifier)
    {
        if (DashboardSession.NotAForm(http) is { } notAForm)
        {
            return notAForm;
        }
        if (!await DashboardSession.IsFormGenuineAsync(http))
        {
            return Form(http, "/", Forged, StatusCodes.Status400BadRequest);
        }
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var target = DashboardSession.LocalReturn(form[DashboardSession.ReturnParameter]);
        var key = await verifier.VerifyAsync(form["key"].ToString().Trim(), http.RequestAborted);
        if (key is null || !KeyScopes.Allows(key.Scopes, KeyScopes.Read))
        {
            return Form(http, target, Rejected, StatusCodes.Status401Unauthorized);
        }
        await DashboardSession.SignInAsync(http, key);
        return TypedResults.Redirect(target);
    }

    public static async Task<IResult> SignOutAsync(HttpContext http)
    {
        if (DashboardSession.NotAForm(http) is { } notAForm)
        {
            return notAForm;
        }
        if (!await DashboardSession.IsFormGenuineAsync(http))
        {
            return Form(http, "/", Forged, StatusCodes.Status400BadRequest);
        }
        await DashboardSession.SignOutAsync(http);
        return TypedResults.Redirect(DashboardSession.SignInPath);
    }

    private static IResult Form(HttpContext http, string target, string? problem, int status)
    {
        var token = DashboardSession.FormToken(http);
        return DashboardHtml.Page(http, "Sign in", html =>
        {
            html.Append("<h1>Sign in</h1>\n");
            if (problem is not null)
            {
                html.Append($"<p class=\"alert\" role=\"alert\" id=\"signin-problem\">{Escape(problem)}</p>\n");
            }
            html.Append("<form class=\"signin\" method=\"post\" action=\"/signin\">\n");
            html.Append($"<input type=\"hidden\" name=\"{Escape(token.FormFieldName)}\" value=\"{Escape(token.RequestToken ?? "")}\" />\n");
            html.Append($"<input type=\"hidden\" name=\"{DashboardSession.ReturnParameter}\" value=\"{Escape(target)}\" />\n");
            html.Append("<label for=\"key\">API key</label>\n");
            html.Append("<input id=\"key\" name=\"key\" type=\"password\" autocomplete=\"off\" required=\"required\" spellcheck=\"false\" aria-describedby=\"key-help\" />\n");
            html.Append("<p id=\"key-help\" class=\"muted\">A key with the <code>read</code> or <code>admin</code> scope, e.g. from <code>prodready keys create --name NAME --scopes read</code>. The session lasts 8 hours from your last visit and ends when the key is revoked.</p>\n");
            html.Append("<button type=\"submit\">Sign in</button>\n</form>\n");
        }, status);
    }
}
