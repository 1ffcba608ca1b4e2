using System.Net;
using System.Net.Http.Headers;
using ProdReady.Model;
using ProdReady.Server;
using ProdReady.Server.Auth;
using ProdReady.Server.Dashboard;
using ProdReady.Server.Store;

namespace ProdReady.Tests.Server;

/// <summary>Signing in to the dashboard over real HTTP: redirects, antiforgery, wrong keys, the cookie's flags, revocation.</summary>
public sealed class DashboardSignInTests : StoreTests, IAsyncLifetime
{
    private PortfolioStore _store = null!;
    private RunningServer _server = null!;

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        _store = await Open();
        _server = await RunningServer.StartAsync(_store);
    }

    public override async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await base.DisposeAsync();
    }

    protected override Task<StoreDatabase> CreateDatabaseAsync() => Task.FromResult(StoreDatabase.SqliteIn(Temp));

    [Fact]
    public async Task AnAnonymousVisitorIsSentToSignInAndBackToThePageAfterwards()
    {
        var key = await DashboardForms.KeyAsync(_store, "reader", KeyScopes.Read);
        var cookies = new CookieContainer();
        using var client = DashboardForms.Browser(_server, cookies);

        using var page = await client.GetAsync("/services/orders?x=1");

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/signin?return=%2Fservices%2Forders%3Fx%3D1", page.Headers.Location!.PathAndQuery);
        var form = await client.GetStringAsync(page.Headers.Location);
        Assert.Contains("name=\"return\" value=\"/services/orders?x=1\"", form, StringComparison.Ordinal);
        using var signedIn = await DashboardForms.SignInAsync(client, key, "/services/orders?x=1");
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/services/orders?x=1", signedIn.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task WithPublicReadThePortfolioNeedsNoSignIn()
    {
        await using var server = await RunningServer.StartAsync(await Open(), new ServerSettings { PublicRead = true });
        using var client = server.Client();

        using var page = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<h1>Portfolio</h1>", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("<a href=\"/signin\">Sign in</a>", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASignInWithoutTheFormsTokenIsRefused()
    {
        var key = await DashboardForms.KeyAsync(_store, "reader", KeyScopes.Read);
        var cookies = new CookieContainer();
        using var client = DashboardForms.Browser(_server, cookies);
        await DashboardForms.FormTokenAsync(client);   // the antiforgery cookie alone is not enough

        using var response = await client.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string> { ["key"] = key }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("This form was not sent by this site's sign-in page, or it expired. Reload the page and try again.", ProblemOf(await response.Content.ReadAsStringAsync()));
        Assert.Empty(SessionCookies(response));
    }

    [Fact]
    public async Task AWrongRevokedOrWriteOnlyKeyGetsTheFormAgainWith401AndNoSession()
    {
        var revoked = await DashboardForms.KeyAsync(_store, "old", KeyScopes.Read);
        await _store.RevokeKeyAsync("old");
        var writeOnly = await DashboardForms.KeyAsync(_store, "ci", KeyScopes.Write);
        var bodies = new List<string>();
        foreach (var key in new[] { "prk_abcdefgh_not-a-real-key", "not even the shape of a key", revoked, writeOnly })
        {
            using var client = DashboardForms.Browser(_server, new CookieContainer());

            using var response = await DashboardForms.SignInAsync(client, key);

            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Empty(SessionCookies(response));
            var body = await response.Content.ReadAsStringAsync();
            Assert.Contains("<form class=\"signin\" method=\"post\" action=\"/signin\">", body, StringComparison.Ordinal);
            bodies.Add(ProblemOf(body));
        }
        Assert.Equal(Enumerable.Repeat("That key cannot sign in. Paste a key with the read (or admin) scope that is still active.", 4), bodies);
    }

    [Fact]
    public async Task ARightKeyGetsAnHttpOnlySameSiteStrictSessionCookieNotSecureOnHttp()
    {
        var key = await DashboardForms.KeyAsync(_store, "reader", KeyScopes.Read);
        var cookies = new CookieContainer();
        using var client = DashboardForms.Browser(_server, cookies);

        using var response = await DashboardForms.SignInAsync(client, key);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
        var cookie = Assert.Single(SessionCookies(response));
        var attributes = cookie.Split(';', StringSplitOptions.TrimEntries).Skip(1).Select(attribute => attribute.ToLowerInvariant()).ToList();
        Assert.Contains("httponly", attributes);
        Assert.Contains("samesite=strict", attributes);
        Assert.Contains("path=/", attributes);
        Assert.DoesNotContain("secure", attributes);
        Assert.DoesNotContain(attributes, attribute => attribute.StartsWith("expires=", StringComparison.Ordinal));   // ends with the browser session
        var portfolio = await client.GetStringAsync("/");
        Assert.Contains("signed in with key reader", portfolio, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RevokingTheKeyEndsItsSessionAtTheNextRequest()
    {
        var key = await DashboardForms.KeyAsync(_store, "reader", KeyScopes.Read);
        var cookies = new CookieContainer();
        using var client = DashboardForms.Browser(_server, cookies);
        using var signedIn = await DashboardForms.SignInAsync(client, key);
        using var before = await client.GetAsync("/");

        await _store.RevokeKeyAsync("reader");
        using var after = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Equal("/signin?return=%2F", after.Headers.Location!.PathAndQuery);
        Assert.DoesNotContain(cookies.GetCookies(_server.Address), cookie => cookie.Name == DashboardSession.CookieName);
    }

    [Fact]
    public async Task SigningOutEndsTheSession()
    {
        var key = await DashboardForms.KeyAsync(_store, "reader", KeyScopes.Read);
        var cookies = new CookieContainer();
        using var client = DashboardForms.Browser(_server, cookies);
        using var signedIn = await DashboardForms.SignInAsync(client, key);
        var token = await DashboardForms.FormTokenAsync(client, "/");

        using var withoutToken = await client.PostAsync("/signout", new FormUrlEncodedContent([]));
        using var signedOut = await client.PostAsync("/signout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        using var after = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
        Assert.Equal((HttpStatusCode.Redirect, "/signin"), (signedOut.StatusCode, signedOut.Headers.Location!.OriginalString));
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }

    [Fact]
    public async Task WithAKeysFolderASessionOutlivesARestartAndWithoutOneItDoesNot()
    {
        var keys = Path.Combine(Temp.Root, "session-keys");
        var cookies = new CookieContainer();
        await using (var first = await RunningServer.StartAsync(await Open(), new ServerSettings { SessionKeysFolder = keys }))
        {
            using var client = DashboardForms.Browser(first, cookies);
            using var signedIn = await DashboardForms.SignInAsync(client, await DashboardForms.KeyAsync(_store, "reader", KeyScopes.Read));
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        }
        var session = Assert.Single(cookies.GetAllCookies(), cookie => cookie.Name == DashboardSession.CookieName).Value;

        var afterRestart = await StatusWithSessionAsync(new ServerSettings { SessionKeysFolder = keys }, session);
        var inMemory = await StatusWithSessionAsync(new ServerSettings(), session);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Redirect), (afterRestart, inMemory));
        Assert.NotEmpty(Directory.GetFiles(keys, "key-*.xml"));
    }

    [Theory]
    [InlineData("//evil.example/phish", "/")]
    [InlineData("https://evil.example/phish", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("javascript:alert(1)", "/")]
    [InlineData("/controls/sec.api-auth", "/controls/sec.api-auth")]
    public async Task OnlyAPathOnThisSiteIsFollowedAfterSigningIn(string target, string expected)
    {
        var key = await DashboardForms.KeyAsync(_store, "reader", KeyScopes.Read);
        using var client = DashboardForms.Browser(_server, new CookieContainer());

        using var response = await DashboardForms.SignInAsync(client, key, target);

        Assert.Equal((HttpStatusCode.Redirect, expected), (response.StatusCode, response.Headers.Location!.OriginalString));
    }

    [Fact]
    public async Task ASessionDoesNotAuthorizeTheApi()
    {
        var key = await DashboardForms.KeyAsync(_store, "boss", KeyScopes.Admin);
        var cookies = new CookieContainer();
        using var client = DashboardForms.Browser(_server, cookies);
        using var signedIn = await DashboardForms.SignInAsync(client, key);
        using var content = new StringContent(ServerScans.Json("orders", "team-a", ServiceTier.Standard, 'a'), new MediaTypeHeaderValue("application/json"));

        using var push = await client.PostAsync("/api/v1/assessments", content);
        using var list = await client.GetAsync("/api/v1/services");
        using var portfolio = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Found, signedIn.StatusCode);
        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.OK), (push.StatusCode, list.StatusCode, portfolio.StatusCode));
        Assert.Empty(await _store.ServicesAsync());
    }

    [Fact]
    public async Task TheApiDocumentListsNoDashboardPage()
    {
        using var client = _server.Client();

        using var document = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync("/api/v1/openapi.json"));

        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(path => path.Name).ToList();
        Assert.Contains("/api/v1/services/{name}", paths);
        Assert.All(paths, path => Assert.StartsWith("/api/v1/", path, StringComparison.Ordinal));
    }

    /// <summary>The status of the portfolio page for a session cookie, from a server started anew over the same database.</summary>
    private async Task<HttpStatusCode> StatusWithSessionAsync(ServerSettings settings, string session)
    {
        await using var server = await RunningServer.StartAsync(await Open(), settings);
        var cookies = new CookieContainer();
        cookies.Add(server.Address, new Cookie(DashboardSession.CookieName, session));
        using var client = DashboardForms.Browser(server, cookies);
        using var response = await client.GetAsync("/");
        return response.StatusCode;
    }

    private static IEnumerable<string> SessionCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies)
            ? cookies.Where(cookie => cookie.StartsWith(DashboardSession.CookieName + "=", StringComparison.Ordinal))
            : [];

    private static string ProblemOf(string body)
    {
        var page = Reporting.Html.HtmlPage.Parse(body);
        return page.ById("signin-problem").Value;
    }
}
