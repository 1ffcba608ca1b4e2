using System.Net;
using System.Text.RegularExpressions;
using ProdReady.Server.Store;

namespace ProdReady.Tests.Server;

/// <summary>What a browser does with the dashboard's forms, over HTTP: keep cookies, read the antiforgery token, sign in.</summary>
public static partial class DashboardForms
{
    /// <summary>A client of the server that keeps cookies in <paramref name="cookies"/> and follows no redirect.</summary>
    public static HttpClient Browser(RunningServer server, CookieContainer cookies) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies }) { BaseAddress = server.Address };

    /// <summary>A new key with these scopes (PBKDF2 makes this take a moment).</summary>
    public static async Task<string> KeyAsync(PortfolioStore store, string name, params string[] scopes) =>
        (await store.CreateKeyAsync(name, scopes, null))!.Value.Issued.Key;

    /// <summary>Gets the page (its antiforgery cookie goes into the client's jar) and the token from its hidden field.</summary>
    public static async Task<string> FormTokenAsync(HttpClient client, string path = "/signin")
    {
        var page = await client.GetStringAsync(path);
        return TokenField().Match(page) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException("no antiforgery token in " + path);
    }

    /// <summary>Posts the sign-in form as a browser would, token included.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string key, string? returnTo = null)
    {
        var fields = new Dictionary<string, string> { ["__RequestVerificationToken"] = await FormTokenAsync(client), ["key"] = key };
        if (returnTo is not null)
        {
            fields["return"] = returnTo;
        }
        return await client.PostAsync("/signin", new FormUrlEncodedContent(fields));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]*)\"", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant)]
    private static partial Regex TokenField();
}
