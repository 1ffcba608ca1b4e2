using ProdReady.History;
using ProdReady.Tests.Support;

namespace ProdReady.Tests.History;

/// <summary>Where `prodready scan` records, how to choose or skip it, and that a failure to record never costs the report.</summary>
public sealed class HistoryRecordingTests : IDisposable
{
    private readonly TempRepo _repo = new(("package.json", "{\"name\": \"tiny\"}"), ("index.js", "console.log('hi');\n"));

    private string DefaultStore => Path.Combine(_repo.Root, ".prodready", "history.db");

    [Fact]
    public void AScanIsRecordedInTheScannedFolderByDefault()
    {
        var run = Support.Cli.Run(_repo.Root, "scan", ".", "--format", "json");

        Assert.Equal((0, ""), (run.ExitCode, run.Stderr));
        using var store = HistoryStore.OpenExisting(DefaultStore);
        Assert.Equal(1, store.Count());
    }

    [Fact]
    public void NoHistoryWritesNothing()
    {
        var run = Support.Cli.Run(_repo.Root, "scan", ".", "--no-history");

        Assert.Equal((0, ""), (run.ExitCode, run.Stderr));
        Assert.False(Directory.Exists(Path.Combine(_repo.Root, ".prodready")));
    }

    [Fact]
    public void HistoryPathRecordsThereOnly()
    {
        using var elsewhere = new TempRepo();
        var path = Path.Combine(elsewhere.Root, "ci", "scans.db");

        var first = Support.Cli.Run(_repo.Root, "scan", ".", "--history", path);
        var second = Support.Cli.Run(_repo.Root, "scan", ".", "--history", path, "--format", "json");

        Assert.Equal((0, 0, "", ""), (first.ExitCode, second.ExitCode, first.Stderr, second.Stderr));
        Assert.False(Directory.Exists(Path.Combine(_repo.Root, ".prodready")));
        using var store = HistoryStore.OpenExisting(path);
        Assert.Equal(2, store.Count());
        var listed = Support.Cli.Run(_repo.Root, "history", "--history", path);
        Assert.Contains($"History · {path} · 2 scans", listed.Stdout);
    }

    [Fact]
    public void ADamagedStoreIsOneWarningAndTheReportIsStillWritten()
    {
        var garbage = new byte[4096];
        new Random(11).NextBytes(garbage);
        _repo.WriteBytes(".prodready/history.db", garbage);

        var run = Support.Cli.Run(_repo.Root, "scan", ".", "--format", "json");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("{", run.Stdout);
        Assert.Contains("\"schemaVersion\": \"1.1\"", run.Stdout);
        Assert.Equal(
            "warning: ./.prodready/history.db: not a SQLite database, so no history can be kept in it; it was left unchanged: move it aside, or choose another file with --history; this scan was not recorded (--no-history skips recording)\n",
            run.Stderr);
        Assert.Equal(garbage, File.ReadAllBytes(DefaultStore));
    }

    [Fact]
    public void AStoreThatCannotBeCreatedIsOneWarning()
    {
        var blocker = _repo.Write("not-a-folder", "x");
        var path = Path.Combine(blocker, "history.db");

        var run = Support.Cli.Run(_repo.Root, "scan", ".", "--history", path);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("level ", run.Stdout);
        Assert.StartsWith($"warning: {path}: cannot create the folder {blocker}:", run.Stderr);
        Assert.EndsWith("; this scan was not recorded (--no-history skips recording)\n", run.Stderr);
        Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void NoHistoryYetIsAFriendlyMessageButAMissingChosenFileIsAnError()
    {
        var none = Support.Cli.Run(_repo.Root, "history");
        var missing = Support.Cli.Run(_repo.Root, "history", "--history", "nowhere.db");
        var missingForDiff = Support.Cli.Run(_repo.Root, "diff", "1", "2");

        Assert.Equal((0, "No history yet: ./.prodready/history.db does not exist. `prodready scan .` records every scan.\n", ""), (none.ExitCode, none.Stdout, none.Stderr));
        Assert.Equal((2, "error: nowhere.db: no such file; `prodready scan` creates it\n"), (missing.ExitCode, missing.Stderr));
        Assert.Equal((2, "error: ./.prodready/history.db: no such file; `prodready scan` creates it\n"), (missingForDiff.ExitCode, missingForDiff.Stderr));
        Assert.False(File.Exists(Path.Combine(_repo.Root, "nowhere.db")));
    }

    [Fact]
    public void AnEmptyStoreSaysSo()
    {
        using (HistoryStore.Open(DefaultStore))
        {
        }

        var run = Support.Cli.Run(_repo.Root, "history");

        Assert.Equal((0, "No scans recorded yet in ./.prodready/history.db: `prodready scan` records every scan.\n"), (run.ExitCode, run.Stdout));
    }

    public void Dispose() => _repo.Dispose();
}
