using System.Data.Common;
using Dapper;
using Npgsql;

namespace ProdReady.Server.Store;

internal sealed class PostgresDialect : SqlDialect
{
    /// <summary>The advisory lock key servers take while migrating ("PRDYMIGR" in ASCII).</summary>
    private const long MigrationLock = 0x5052_4459_4D49_4752;

    public override string MigrationFolder => "postgres";

    public override async Task<DbConnection> OpenAsync(string connectionString, CancellationToken cancel)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancel);
        return connection;
    }

    public override ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancel) =>
        connection.BeginTransactionAsync(cancel);

    public override Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancel) =>
        connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(@key)", new { key = MigrationLock }, transaction, cancellationToken: cancel));

    public override object Time(DateTimeOffset time) => time.UtcDateTime;

    public override string Json(string parameter) => $"CAST({parameter} AS json)";

    /// <summary>Dapper passes a list to Npgsql as one array, which `= ANY` takes.</summary>
    public override string InList(string parameter) => $"= ANY({parameter})";

    /// <summary>SQLSTATE class 22 (data exception, e.g. a NUL character in text) or 23 (integrity constraint violation).</summary>
    public override bool RefusesInput(DbException exception) => exception is PostgresException { SqlState: ['2', '2' or '3', ..] };
}
