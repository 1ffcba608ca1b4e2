using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using ProdReady.Server.Store;
using ProdReady.Tests.Support;

namespace ProdReady.Tests.Server;

/// <summary>An empty database for one test: its provider, its connection string, and raw connections to check rows with.</summary>
public sealed record StoreDatabase(StoreProvider Provider, string ConnectionString)
{
    public static StoreDatabase SqliteIn(TempRepo temp) =>
        new(StoreProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = Path.Combine(temp.Root, "portfolio.db") }.ConnectionString);

    public async Task<DbConnection> ConnectAsync()
    {
        DbConnection connection = Provider == StoreProvider.Sqlite ? new SqliteConnection(ConnectionString) : new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}
