namespace ProdReady.Server.Store;

/// <summary>An API key as the store keeps it: never the key itself, only what identifies and limits it.</summary>
public sealed record ApiKeyRecord(
    long Id,
    string Name,
    string Prefix,
    IReadOnlyList<string> Scopes,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? LastUsedAt,
    DateTimeOffset? RevokedAt)
{
    /// <summary>Neither revoked nor past its expiry at <paramref name="now"/>.</summary>
    public bool IsActiveAt(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is not { } expiry || now < expiry);
}

/// <summary>A key record with the salt and hash to verify a presented key against.</summary>
public sealed record StoredApiKey(ApiKeyRecord Record, byte[] Salt, byte[] Hash);
