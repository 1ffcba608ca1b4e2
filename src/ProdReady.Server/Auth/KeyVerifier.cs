using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using ProdReady.Server.Store;

namespace ProdReady.Server.Auth;

/// <summary>
/// Checks presented API keys. The slow hash (<see cref="ApiKeySecrets"/>) is paid once per key and process: a key that
/// verified is remembered by its SHA-256, never in clear. Revocation and expiry are read from the store on every
/// use, so revoking (also from the CLI, in another process) takes effect at the next request. Last use is written
/// at most once a minute per key, so that reads do not turn into writes. Wrong keys that carry a real key's prefix
/// are hashed at most <see cref="FailuresPerPrefixAndMinute"/> times a minute, so that they cannot keep the CPU busy.
/// </summary>
public sealed class KeyVerifier(PortfolioStore store, TimeProvider clock)
{
    private static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(1);

    /// <summary>More distinct keys than any real deployment holds; past it the memory starts afresh rather than growing.</summary>
    private const int RememberedKeys = 10_000;

    /// <summary>Wrong keys with one prefix that are hashed per minute; past it they are refused unhashed (the slow hash is not a lever).</summary>
    public const int FailuresPerPrefixAndMinute = 10;

    private readonly ConcurrentDictionary<string, long> _verified = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (DateTimeOffset Minute, int Failures)> _failures = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<long, DateTimeOffset> _touched = new();

    /// <summary>The active key <paramref name="presented"/> is, or null when it is not one (unknown, wrong, revoked or expired).</summary>
    public async Task<ApiKeyRecord?> VerifyAsync(string presented, CancellationToken cancel)
    {
        if (ApiKeySecrets.PrefixOf(presented) is not { } prefix)
        {
            return null;
        }
        var digest = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(presented)));
        ApiKeyRecord? record;
        if (_verified.TryGetValue(digest, out var id))
        {
            record = await store.KeyAsync(id, cancel);
        }
        else
        {
            var stored = await store.FindKeyAsync(prefix, cancel);
            if (stored is null || TooManyFailures(prefix) || !ApiKeySecrets.Verify(presented, stored.Salt, stored.Hash))
            {
                if (stored is not null)
                {
                    CountFailure(prefix);
                }
                return null;
            }
            if (_verified.Count >= RememberedKeys)
            {
                _verified.Clear();
            }
            _verified[digest] = stored.Record.Id;
            record = stored.Record;
        }
        var now = clock.GetUtcNow();
        if (record is null || !record.IsActiveAt(now))
        {
            return null;
        }
        if (!_touched.TryGetValue(record.Id, out var last) || now - last >= TouchInterval)
        {
            _touched[record.Id] = now;
            await store.TouchKeyAsync(record.Id, now, cancel);
        }
        return record;
    }

    private bool TooManyFailures(string prefix) =>
        _failures.TryGetValue(prefix, out var failures) && failures.Minute == ThisMinute() && failures.Failures >= FailuresPerPrefixAndMinute;

    private void CountFailure(string prefix)
    {
        var minute = ThisMinute();
        _failures.AddOrUpdate(prefix, (minute, 1), (_, failures) => failures.Minute == minute ? (minute, failures.Failures + 1) : (minute, 1));
    }

    private DateTimeOffset ThisMinute()
    {
        var now = clock.GetUtcNow();
        return new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero);
    }
}
