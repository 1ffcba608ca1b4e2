using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ProdReady.Server;
using ProdReady.Server.Store;
using ProdReady.Tests.Support;

namespace ProdReady.Tests.Server;

/// <summary>The server on a free loopback port over a SQLite store in a temp folder, for tests that speak real HTTP to it.</summary>
public sealed partial class RunningServer : IAsyncDisposable
{
    private readonly TempRepo? _temp;
    private readonly WebApplication _app;

    private RunningServer(TempRepo? temp, WebApplication app, PortfolioStore store, Uri address)
    {
        _temp = temp;
        _app = app;
        Store = store;
        Address = address;
    }

    public PortfolioStore Store { get; }

    /// <summary>Where the server listens, e.g. http://127.0.0.1:41234/.</summary>
    public Uri Address { get; }

    /// <summary>Starts a server over the database in <paramref name="folder"/> (which the caller deletes), else in a temp folder of its own.</summary>
    public static async Task<RunningServer> StartAsync(ServerSettings? settings = null, TimeProvider? clock = null, TempRepo? folder = null)
    {
        var temp = folder is null ? new TempRepo() : null;
        var database = StoreDatabase.SqliteIn(folder ?? temp!);
        var store = await PortfolioStore.OpenAsync(database.Provider, database.ConnectionString, clock);
        var app = ServerApp.Build((settings ?? new ServerSettings()) with { Urls = "http://127.0.0.1:0" }, store, clock);
        await app.StartAsync();
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new RunningServer(temp, app, store, new Uri(bound + "/"));
    }

    /// <summary>A new key with these scopes (PBKDF2 makes this take a moment).</summary>
    public async Task<string> KeyAsync(string name, params string[] scopes) => (await Store.CreateKeyAsync(name, scopes, null))!.Value.Issued.Key;

    /// <summary>A client that follows no redirect, with its own cookie jar (or none).</summary>
    public HttpClient Client(CookieContainer? cookies = null) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = cookies is not null, CookieContainer = cookies ?? new CookieContainer() }) { BaseAddress = Address };

    /// <summary>Gets the sign-in form (its antiforgery cookie goes into the client's jar) and the token from its hidden field.</summary>
    public static async Task<string> FormTokenAsync(HttpClient client, string path = "/signin")
    {
        var page = await client.GetStringAsync(path);
        return TokenField().Match(page) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException("no antiforgery token in " + path);
    }

    /// <summary>Posts the sign-in form as a browser would, token included.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string key, string? returnTo = null)
    {
        var token = await FormTokenAsync(client);
        var fields = new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["key"] = key };
        if (returnTo is not null)
        {
            fields["return"] = returnTo;
        }
        return await client.PostAsync("/signin", new FormUrlEncodedContent(fields));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _temp?.Dispose();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]*)\"", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant)]
    private static partial Regex TokenField();
}
