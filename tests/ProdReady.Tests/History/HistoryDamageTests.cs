using System.Diagnostics;
using ProdReady.History;
using ProdReady.Tests.Support;

namespace ProdReady.Tests.History;

/// <summary>A file the store cannot use gives one clear message naming it, and is left exactly as it was.</summary>
public sealed class HistoryDamageTests : IDisposable
{
    private readonly TempRepo _temp = new();

    [Fact]
    public void GarbageBytesAreNotADatabaseAndStayUntouched()
    {
        var garbage = new byte[8192];
        new Random(7).NextBytes(garbage);
        var path = _temp.WriteBytes("history.db", garbage);

        var error = Assert.Throws<HistoryException>(() => HistoryStore.Open(path));

        Assert.Equal($"{path}: not a SQLite database, so no history can be kept in it; it was left unchanged: move it aside, or choose another file with --history", error.Message);
        Assert.Equal(garbage, File.ReadAllBytes(path));
        Assert.Equal(["history.db"], Directory.GetFiles(_temp.Root).Select(Path.GetFileName));
    }

    [Fact]
    public void ATextFileIsNotADatabaseEither()
    {
        var path = _temp.Write("history.db", "these are my notes, not a database\n");

        var error = Assert.Throws<HistoryException>(() => HistoryStore.OpenExisting(path));

        Assert.StartsWith($"{path}: not a SQLite database", error.Message);
        Assert.Equal("these are my notes, not a database\n", File.ReadAllText(path));
    }

    [Fact]
    public void ATruncatedDatabaseIsReportedDamagedAndStaysUntouched()
    {
        var path = Path.Combine(_temp.Root, "history.db");
        using (var store = HistoryStore.Open(path))
        {
            for (var minute = 0; minute < 6; minute++)
            {
                store.Append(Scans.At(Scans.Commit((char)('a' + minute)), minute));
            }
        }
        var whole = File.ReadAllBytes(path);
        var truncated = whole[..(whole.Length / 2)];
        File.WriteAllBytes(path, truncated);

        var error = Assert.Throws<HistoryException>(() => HistoryStore.Open(path));

        Assert.Equal($"{path}: the history database is damaged (database disk image is malformed); it was left unchanged: move it aside to start a new history, or choose another file with --history", error.Message);
        Assert.Equal(truncated, File.ReadAllBytes(path));
    }

    [Fact]
    public void AStoreFromANewerSchemaIsRefusedAndStaysUntouched()
    {
        var path = Path.Combine(_temp.Root, "history.db");
        using (HistoryStore.Open(path))
        {
        }
        using (var raw = HistoryStoreTests.Raw(path))
        {
            HistoryStoreTests.Query(raw, "PRAGMA user_version = 2");
        }
        var before = File.ReadAllBytes(path);

        var error = Assert.Throws<HistoryException>(() => HistoryStore.Open(path));

        Assert.Equal($"{path}: written by a newer prodready (history schema 2; this one knows up to 1); left unchanged: upgrade prodready, or choose another file with --history", error.Message);
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public void AWriterHeldOffPastTheTimeoutGetsALockedMessage()
    {
        var path = Path.Combine(_temp.Root, "history.db");
        using (HistoryStore.Open(path))
        {
        }
        using var holder = HistoryStoreTests.Raw(path);
        HistoryStoreTests.Query(holder, "BEGIN EXCLUSIVE");
        using var store = HistoryStore.Open(path, TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();

        var error = Assert.Throws<HistoryException>(() => store.Append(Scans.At(null)));

        Assert.Equal($"{path}: locked by another process for more than 0.3 s; try again when it has finished", error.Message);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(10));
        HistoryStoreTests.Query(holder, "ROLLBACK");
        Assert.Equal(1, store.Append(Scans.At(null)));
    }

    public void Dispose() => _temp.Dispose();
}
