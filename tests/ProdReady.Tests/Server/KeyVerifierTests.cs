using ProdReady.Server.Auth;
using ProdReady.Tests.Support;

namespace ProdReady.Tests.Server;

/// <summary>The server's key check on a real store: the slow hash paid once per key, and not at all for a flood of wrong keys.</summary>
public sealed class KeyVerifierTests : IAsyncDisposable
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private readonly TempRepo _temp = new();
    private readonly ManualClock _clock = new(Noon);

    [Fact]
    public async Task WrongKeysWithARealPrefixAreHashedTenTimesAMinuteThenRefusedUnhashed()
    {
        var (verifier, store) = await Open();
        var cached = (await store.CreateKeyAsync("ci", [KeyScopes.Write], null))!.Value.Issued.Key;
        var other = (await store.CreateKeyAsync("dashboard", [KeyScopes.Read], null))!.Value.Issued.Key;
        Assert.Equal("ci", (await verifier.VerifyAsync(cached, default))!.Name);
        var wrong = other[..^4] + (other.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");

        for (var attempt = 0; attempt < KeyVerifier.FailuresPerPrefixAndMinute; attempt++)
        {
            Assert.Null(await verifier.VerifyAsync(wrong, default));
        }

        // The right key of that prefix waits for the next minute too; other keys, and keys verified before, do not.
        Assert.Null(await verifier.VerifyAsync(other, default));
        Assert.Equal("ci", (await verifier.VerifyAsync(cached, default))!.Name);
        _clock.Now = Noon.AddMinutes(1);
        Assert.Equal("dashboard", (await verifier.VerifyAsync(other, default))!.Name);
    }

    private async Task<(KeyVerifier Verifier, ProdReady.Server.Store.PortfolioStore Store)> Open()
    {
        var database = StoreDatabase.SqliteIn(_temp);
        var store = await ProdReady.Server.Store.PortfolioStore.OpenAsync(database.Provider, database.ConnectionString, _clock);
        return (new KeyVerifier(store, _clock), store);
    }

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _temp.Dispose();
        return ValueTask.CompletedTask;
    }
}
