using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ProdReady.Model;
using ProdReady.Reporting;
using ProdReady.Server;
using ProdReady.Server.Store;
using ProdReady.Tests.Support;
using HistoryScans = ProdReady.Tests.History.Scans;

namespace ProdReady.Tests.Server;

/// <summary>The real server in this process, on a free loopback port, over a SQLite store in a temp folder.</summary>
public sealed class RunningServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TempRepo _temp;

    private RunningServer(WebApplication app, TempRepo temp, StoreDatabase database, PortfolioStore store, Uri address)
    {
        _app = app;
        _temp = temp;
        Database = database;
        Store = store;
        Client = new HttpClient { BaseAddress = address };
    }

    public StoreDatabase Database { get; }

    public PortfolioStore Store { get; }

    public HttpClient Client { get; }

    public Uri Address => Client.BaseAddress!;

    public string DatabaseFile => new SqliteConnectionStringBuilder(Database.ConnectionString).DataSource;

    public static async Task<RunningServer> StartAsync(ServerSettings? settings = null)
    {
        var temp = new TempRepo();
        var database = StoreDatabase.SqliteIn(temp);
        var store = await PortfolioStore.OpenAsync(database.Provider, database.ConnectionString);
        var app = ServerApp.Build((settings ?? new ServerSettings()) with { Urls = "http://127.0.0.1:0" }, store);
        await app.StartAsync();
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new RunningServer(app, temp, database, store, new Uri(bound));
    }

    /// <summary>A new key with these scopes, as `prodready keys create` makes it.</summary>
    public async Task<string> KeyAsync(string name, params string[] scopes) => (await Store.CreateKeyAsync(name, scopes, null))!.Value.Issued.Key;

    public static HttpRequestMessage Request(HttpMethod method, string path, string? key = null, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        if (key is not null)
        {
            request.Headers.Authorization = new("Bearer", key);
        }
        return request;
    }

    /// <summary>A real assessment (the node sample's scan) of service <paramref name="service"/>, as `scan --json` writes it.</summary>
    public static string Assessment(string service, char commit = 'a') =>
        JsonReport.ToJson(HistoryScans.At(HistoryScans.Commit(commit)) with { Service = new ServiceInfo { Name = service, Owner = "team-a", Tier = ServiceTier.Standard } });

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }
}
