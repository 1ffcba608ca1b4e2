using Microsoft.Data.Sqlite;
using ProdReady.Server.Store;
using ProdReady.Tests.Support;

namespace ProdReady.Tests.Server;

/// <summary>
/// A test class that runs on a fresh database: a subclass per provider says which (SQLite on a temp file, or a
/// database of a private PostgreSQL cluster), so the same tests run on both.
/// </summary>
public abstract class StoreTests : IAsyncLifetime
{
    protected TempRepo Temp { get; } = new();

    protected StoreDatabase Database { get; private set; } = null!;

    protected abstract Task<StoreDatabase> CreateDatabaseAsync();

    public async Task InitializeAsync() => Database = await CreateDatabaseAsync();

    public virtual Task DisposeAsync()
    {
        if (Database?.Provider == StoreProvider.Sqlite)
        {
            SqliteConnection.ClearAllPools();
        }
        Temp.Dispose();
        return Task.CompletedTask;
    }

    protected Task<PortfolioStore> Open(TimeProvider? clock = null) => PortfolioStore.OpenAsync(Database.Provider, Database.ConnectionString, clock);
}
