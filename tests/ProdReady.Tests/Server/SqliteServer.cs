using Microsoft.Data.Sqlite;
using ProdReady.Model;
using ProdReady.Server;
using ProdReady.Server.Store;
using ProdReady.Tests.Support;

namespace ProdReady.Tests.Server;

/// <summary>A <see cref="RunningServer"/> over its own SQLite store in a temp folder, all removed on dispose.</summary>
public sealed class SqliteServer : IAsyncDisposable
{
    private readonly TempRepo _temp;
    private readonly RunningServer _server;

    private SqliteServer(TempRepo temp, StoreDatabase database, PortfolioStore store, RunningServer server)
    {
        _temp = temp;
        _server = server;
        Database = database;
        Store = store;
        Client = server.Client();
    }

    public StoreDatabase Database { get; }

    public PortfolioStore Store { get; }

    /// <summary>A client without a key; requests add theirs (<see cref="Request"/>).</summary>
    public HttpClient Client { get; }

    public Uri Address => _server.Address;

    public string DatabaseFile => new SqliteConnectionStringBuilder(Database.ConnectionString).DataSource;

    public static async Task<SqliteServer> StartAsync(ServerSettings? settings = null)
    {
        var temp = new TempRepo();
        var database = StoreDatabase.SqliteIn(temp);
        var store = await PortfolioStore.OpenAsync(database.Provider, database.ConnectionString);
        return new SqliteServer(temp, database, store, await RunningServer.StartAsync(store, settings));
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
    public static string Assessment(string service, char commit = 'a') => ServerScans.Json(service, "team-a", ServiceTier.Standard, commit);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _server.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }
}
