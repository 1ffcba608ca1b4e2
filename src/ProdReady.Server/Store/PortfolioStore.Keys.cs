using Dapper;
using ProdReady.Server.Auth;

namespace ProdReady.Server.Store;

/// <summary>API keys: created (the key returned once), listed, revoked, looked up by prefix, and their last use noted.</summary>
public sealed partial class PortfolioStore
{
    private const string KeyColumns = """
        id AS Id, name AS Name, key_prefix AS Prefix, scopes AS Scopes, created_at AS CreatedAt, expires_at AS ExpiresAt,
        last_used_at AS LastUsedAt, revoked_at AS RevokedAt, salt AS Salt, hash AS Hash
        """;

    /// <summary>A new key named <paramref name="name"/>; null when a key (even a revoked one) already has that name.</summary>
    public async Task<(IssuedKey Issued, ApiKeyRecord Record)?> CreateKeyAsync(string name, IReadOnlyList<string> scopes, DateTimeOffset? expiresAt, CancellationToken cancel = default)
    {
        var issued = ApiKeySecrets.Issue();
        var now = _clock.GetUtcNow();
        await using var connection = await _dialect.OpenAsync(_connectionString, cancel);
        var id = await connection.ExecuteScalarAsync<long?>(Command(null, cancel, """
            INSERT INTO api_keys (name, key_prefix, salt, hash, scopes, created_at, expires_at)
            VALUES (@name, @Prefix, @Salt, @Hash, @scopes, @createdAt, @expiresAt)
            ON CONFLICT (name) DO NOTHING
            RETURNING id
            """, new
        {
            name,
            issued.Prefix,
            issued.Salt,
            issued.Hash,
            scopes = string.Join(' ', scopes),
            createdAt = _dialect.Time(now),
            expiresAt = expiresAt is { } expiry ? _dialect.Time(expiry) : null,
        }));
        return id is { } created ? (issued, new ApiKeyRecord(created, name, issued.Prefix, scopes, now, expiresAt, null, null)) : null;
    }

    /// <summary>Every key, revoked ones included, by name.</summary>
    public async Task<IReadOnlyList<ApiKeyRecord>> KeysAsync(CancellationToken cancel = default)
    {
        await using var connection = await _dialect.OpenAsync(_connectionString, cancel);
        var rows = await connection.QueryAsync<KeyRow>(Command(null, cancel, $"SELECT {KeyColumns} FROM api_keys ORDER BY name"));
        return [.. rows.Select(row => row.Record())];
    }

    /// <summary>The key whose prefix is <paramref name="prefix"/>, with its salt and hash; null when there is none.</summary>
    public async Task<StoredApiKey?> FindKeyAsync(string prefix, CancellationToken cancel = default)
    {
        await using var connection = await _dialect.OpenAsync(_connectionString, cancel);
        var row = await connection.QuerySingleOrDefaultAsync<KeyRow>(Command(null, cancel, $"SELECT {KeyColumns} FROM api_keys WHERE key_prefix = @prefix", new { prefix }));
        return row is null ? null : new StoredApiKey(row.Record(), row.Salt, row.Hash);
    }

    /// <summary>The key's current record (revocation and expiry as of now); null when it no longer exists.</summary>
    public async Task<ApiKeyRecord?> KeyAsync(long id, CancellationToken cancel = default)
    {
        await using var connection = await _dialect.OpenAsync(_connectionString, cancel);
        var row = await connection.QuerySingleOrDefaultAsync<KeyRow>(Command(null, cancel, $"SELECT {KeyColumns} FROM api_keys WHERE id = @id", new { id }));
        return row?.Record();
    }

    /// <summary>Revokes the key named <paramref name="name"/>; false when no active key has that name.</summary>
    public async Task<bool> RevokeKeyAsync(string name, CancellationToken cancel = default)
    {
        await using var connection = await _dialect.OpenAsync(_connectionString, cancel);
        var revoked = await connection.ExecuteAsync(Command(null, cancel,
            "UPDATE api_keys SET revoked_at = @now WHERE name = @name AND revoked_at IS NULL", new { name, now = _dialect.Time(_clock.GetUtcNow()) }));
        return revoked == 1;
    }

    /// <summary>Notes that the key was used at <paramref name="time"/>.</summary>
    public async Task TouchKeyAsync(long id, DateTimeOffset time, CancellationToken cancel = default)
    {
        await using var connection = await _dialect.OpenAsync(_connectionString, cancel);
        await connection.ExecuteAsync(Command(null, cancel, "UPDATE api_keys SET last_used_at = @time WHERE id = @id", new { id, time = _dialect.Time(time) }));
    }

    private sealed class KeyRow
    {
        public long Id { get; init; }
        public string Name { get; init; } = "";
        public string Prefix { get; init; } = "";
        public string Scopes { get; init; } = "";
        public object? CreatedAt { get; init; }
        public object? ExpiresAt { get; init; }
        public object? LastUsedAt { get; init; }
        public object? RevokedAt { get; init; }
        public byte[] Salt { get; init; } = [];
        public byte[] Hash { get; init; } = [];

        public ApiKeyRecord Record() => new(
            Id, Name, Prefix, Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries), Time(CreatedAt),
            OptionalTime(ExpiresAt), OptionalTime(LastUsedAt), OptionalTime(RevokedAt));
    }

    private static DateTimeOffset? OptionalTime(object? stored) => stored is null ? null : Time(stored);
}
