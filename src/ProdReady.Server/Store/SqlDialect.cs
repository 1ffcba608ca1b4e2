using System.Data.Common;

namespace ProdReady.Server.Store;

/// <summary>What differs between the databases the store runs on; the SQL of the queries themselves is shared.</summary>
internal abstract class SqlDialect
{
    public static SqlDialect For(StoreProvider provider) => provider switch
    {
        StoreProvider.Sqlite => new SqliteDialect(),
        StoreProvider.Postgres => new PostgresDialect(),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "unknown store provider"),
    };

    /// <summary>The folder of embedded migrations for this dialect (migrations/&lt;folder&gt;/NNNN_name.sql).</summary>
    public abstract string MigrationFolder { get; }

    /// <summary>An open connection, set up for the store's use (e.g. SQLite's busy timeout and foreign keys).</summary>
    public abstract Task<DbConnection> OpenAsync(string connectionString, CancellationToken cancel);

    /// <summary>A write transaction that will not fail half-way for lack of a lock it could have waited for.</summary>
    public abstract ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancel);

    /// <summary>
    /// This process's turn to write, held until disposed. Only SQLite needs one (see <see cref="SqliteDialect"/>);
    /// elsewhere writers go ahead at once and the database orders them.
    /// </summary>
    public virtual ValueTask<IDisposable> WriteTurnAsync(CancellationToken cancel) => ValueTask.FromResult<IDisposable>(NoTurn.Instance);

    /// <summary>Keeps other servers from migrating at the same time, until <paramref name="transaction"/> ends.</summary>
    public abstract Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancel);

    /// <summary>A time as this database stores it.</summary>
    public abstract object Time(DateTimeOffset time);

    /// <summary>The SQL expression that stores the parameter <paramref name="parameter"/> as a JSON document.</summary>
    public abstract string Json(string parameter);

    /// <summary>The SQL that tests a value against the list parameter <paramref name="parameter"/>, as Dapper passes lists to this database.</summary>
    public abstract string InList(string parameter);

    /// <summary>Whether the database refused the data itself (a constraint, a value it cannot hold), not failed to run.</summary>
    public abstract bool RefusesInput(DbException exception);

    private sealed class NoTurn : IDisposable
    {
        public static readonly NoTurn Instance = new();

        public void Dispose()
        {
        }
    }
}
