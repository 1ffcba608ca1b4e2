using Dapper;

namespace ProdReady.Server.Store;

/// <summary>What the server's readiness check and metrics ask the database: cheap queries on small tables.</summary>
public sealed partial class PortfolioStore
{
    /// <summary>Throws (a DbException, or cancellation) unless the database answers and has the store's schema.</summary>
    public async Task PingAsync(CancellationToken cancel = default)
    {
        await using var connection = await _dialect.OpenAsync(_connectionString, cancel);
        await connection.ExecuteScalarAsync<long?>(Command(null, cancel, "SELECT MAX(version) FROM schema_migrations"));
    }

    public async Task<long> ServiceCountAsync(CancellationToken cancel = default)
    {
        await using var connection = await _dialect.OpenAsync(_connectionString, cancel);
        return await connection.ExecuteScalarAsync<long>(Command(null, cancel, "SELECT COUNT(*) FROM services"));
    }
}
