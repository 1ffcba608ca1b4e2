using System.Data.Common;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ProdReady.Server.Store;

internal sealed class SqliteDialect : SqlDialect
{
    /// <summary>Sortable as text, so that ORDER BY on a time column is time order.</summary>
    public const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    private readonly SemaphoreSlim _writer = new(1, 1);

    public override string MigrationFolder => "sqlite";

    // SQLite writes one transaction at a time. Left to SQLite, waiting writers poll in its busy handler, sleeping up
    // to 100 ms between tries, so under concurrent pushes the lock sits free while they sleep; this process's
    // writers queue here instead and take the lock as it is released. The busy timeout still covers other processes.
    public override async ValueTask<IDisposable> WriteTurnAsync(CancellationToken cancel)
    {
        await _writer.WaitAsync(cancel);
        return new Turn(_writer);
    }

    public override async Task<DbConnection> OpenAsync(string connectionString, CancellationToken cancel)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancel);
        // WAL lets readers go on while one ingest writes; writers queue for up to the busy timeout instead of failing.
        await connection.ExecuteAsync("PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON;");
        return connection;
    }

    // BEGIN IMMEDIATE takes the write lock up front: a deferred transaction that reads, then writes, can fail with
    // SQLITE_BUSY when another writer committed in between, which the busy timeout does not wait out.
    // Microsoft.Data.Sqlite has no asynchronous I/O; the synchronous call is what its async one would do.
    public override ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancel) =>
        ValueTask.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));

    // BEGIN IMMEDIATE already serializes migrating servers.
    public override Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancel) => Task.CompletedTask;

    public override object Time(DateTimeOffset time) => time.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    public override string Json(string parameter) => parameter;

    /// <summary>Dapper expands `IN @list` into one parameter per item.</summary>
    public override string InList(string parameter) => $"IN {parameter}";

    /// <summary>SQLITE_CONSTRAINT (19), with any extended code.</summary>
    public override bool RefusesInput(DbException exception) => exception is SqliteException { SqliteErrorCode: 19 };

    private sealed class Turn(SemaphoreSlim writer) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                writer.Release();
            }
        }
    }
}
