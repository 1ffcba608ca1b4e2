using Microsoft.Data.Sqlite;
using ProdReady.History;
using ProdReady.Model;
using ProdReady.Reporting;
using ProdReady.Tests.Support;

namespace ProdReady.Tests.History;

public sealed class HistoryStoreTests : IDisposable
{
    private readonly TempRepo _temp = new();

    private string PathIn(string name) => Path.Combine(_temp.Root, name);

    [Fact]
    public void OpeningAMissingFileCreatesItsFoldersAndTheSchemaInWalMode()
    {
        var path = PathIn("a/b/history.db");

        using (var store = HistoryStore.Open(path))
        {
            Assert.Equal(0, store.Count());
        }

        Assert.True(File.Exists(path));
        using var raw = Raw(path);
        Assert.Equal(1L, Query(raw, "PRAGMA user_version"));
        Assert.Equal("wal", Query(raw, "PRAGMA journal_mode"));
        Assert.Equal("scan_categories,scan_controls,scans", Query(raw, "SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name)"));
    }

    [Fact]
    public void AnEmptyFileIsTakenAsANewStore()
    {
        var path = _temp.Write("history.db", "");

        using (var store = HistoryStore.Open(path))
        {
            Assert.Equal(1, store.Append(Scans.At(null)));
        }

        using var raw = Raw(path);
        Assert.Equal(1L, Query(raw, "PRAGMA user_version"));
    }

    [Fact]
    public void AppendedScansComeBackInOrderWithTheirScoresAndControls()
    {
        using var store = HistoryStore.Open(PathIn("history.db"));
        var ids = new[] { Scans.At(Scans.Commit('a'), 0), Scans.At(Scans.Commit('b'), 5), Scans.At(null, 10) }.Select(store.Append).ToList();

        Assert.Equal([1L, 2L, 3L], ids);
        Assert.Equal(3, store.Count());
        Assert.Equal([1L, 2L, 3L], store.List().Select(scan => scan.Id!.Value));
        Assert.Equal([2L, 3L], store.List(2).Select(scan => scan.Id!.Value));
        var second = store.Get(2)!;
        var expected = ScanSnapshot.From(Scans.At(Scans.Commit('b'), 5), "scan 2", 2);
        Assert.Equal(("scan 2", new DateTimeOffset(2026, 11, 21, 10, 5, 0, TimeSpan.Zero), Scans.Commit('b'), "main", "bbbbbbb"), (second.Label, second.Time, second.Commit, second.Branch, second.ShortCommit));
        Assert.Equal(expected.Overall, second.Overall);
        Assert.Equal(ReadinessLevel.NotReady, second.Level);
        Assert.Equal(expected.Categories, second.Categories);
        Assert.Equal(expected.Controls.OrderBy(pair => pair.Key), second.Controls.OrderBy(pair => pair.Key));
        Assert.Equal(ResultStatus.Fail, second.Controls["rel.liveness-endpoint"].Status);
        Assert.Equal("", store.Get(3)!.ShortCommit);
        Assert.Null(store.Get(4));
        Assert.Equal(2, store.LatestBefore(3)!.Id);
        Assert.Null(store.LatestBefore(1));
    }

    [Fact]
    public void TheWholeAssessmentJsonIsKept()
    {
        var path = PathIn("history.db");
        var assessment = Scans.At(Scans.Commit('c'));
        using (var store = HistoryStore.Open(path))
        {
            store.Append(assessment);
        }

        using var raw = Raw(path);
        Assert.Equal(JsonReport.ToJson(assessment), Query(raw, "SELECT assessment FROM scans WHERE id = 1"));
        Assert.Equal("2026-11-21T10:00:00Z", Query(raw, "SELECT time FROM scans WHERE id = 1"));
    }

    [Fact]
    public void ACommitIsFoundInFullOrByAUniquePrefixAndTheLatestScanOfItWins()
    {
        using var store = HistoryStore.Open(PathIn("history.db"));
        var shared = "abcdef1" + new string('0', 33);
        var sibling = "abcdef1" + new string('9', 33);
        store.Append(Scans.At(Scans.Commit('1')));
        store.Append(Scans.At(shared));
        store.Append(Scans.At(Scans.Commit('1'), 5));
        store.Append(Scans.At(sibling));

        Assert.Equal(3, store.FindByCommit(Scans.Commit('1'))!.Id);
        Assert.Equal(3, store.FindByCommit("1111111")!.Id);
        Assert.Equal(2, store.FindByCommit("ABCDEF10")!.Id);
        Assert.Null(store.FindByCommit("2222222"));
        var ambiguous = Assert.Throws<HistoryException>(() => store.FindByCommit("abcdef1"));
        Assert.Equal($"{store.FilePath}: commit 'abcdef1' is ambiguous: scans of abcdef100000, abcdef199999; give more digits", ambiguous.Message);
        Assert.Throws<ArgumentException>(() => store.FindByCommit("abc"));
        Assert.Throws<ArgumentException>(() => store.FindByCommit("not-a-commit"));
    }

    [Fact]
    public void OpenExistingRefusesAMissingFileAndCreatesNothing()
    {
        var path = PathIn("none/history.db");

        var error = Assert.Throws<HistoryException>(() => HistoryStore.OpenExisting(path));

        Assert.Equal($"{path}: no such file; `prodready scan` creates it", error.Message);
        Assert.False(Directory.Exists(PathIn("none")));
    }

    [Fact]
    public void AFolderOrAPathUnderAFileIsRefusedClearly()
    {
        var folder = PathIn("folder.db");
        Directory.CreateDirectory(folder);
        var file = _temp.Write("plain.txt", "x");
        var under = Path.Combine(file, "history.db");

        var folderError = Assert.Throws<HistoryException>(() => HistoryStore.Open(folder));
        var underError = Assert.Throws<HistoryException>(() => HistoryStore.Open(under));

        Assert.Equal($"{folder}: is a folder; the history store is a file (e.g. .prodready/history.db)", folderError.Message);
        Assert.StartsWith($"{under}: cannot create the folder {file}:", underError.Message);
        Assert.Equal("x", File.ReadAllText(file));
    }

    public void Dispose() => _temp.Dispose();

    internal static SqliteConnection Raw(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    internal static object? Query(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
