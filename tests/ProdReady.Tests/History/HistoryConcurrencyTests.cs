using ProdReady.History;
using ProdReady.Tests.Support;

namespace ProdReady.Tests.History;

/// <summary>Scans finishing at the same moment all land: WAL, the busy timeout and immediate transactions.</summary>
public sealed class HistoryConcurrencyTests : IDisposable
{
    private const int Writers = 8;

    private readonly TempRepo _temp = new();

    [Fact]
    public async Task WritersOnSeparateConnectionsAllLandWithUniqueIds()
    {
        const int scansEach = 5;
        var path = Path.Combine(_temp.Root, "fresh", "history.db"); // not there yet: the writers also race to create it
        using var start = new Barrier(Writers);
        var threads = Enumerable.Range(0, Writers).Select(writer => Task.Factory.StartNew(() =>
        {
            start.SignalAndWait();
            using var store = HistoryStore.Open(path);
            return Enumerable.Range(0, scansEach).Select(scan => store.Append(Scans.At(Scans.Commit((char)('a' + writer)), scan))).ToList();
        }, TaskCreationOptions.LongRunning)).ToArray();

        var ids = (await Task.WhenAll(threads)).SelectMany(list => list).ToList();

        Assert.Equal(Enumerable.Range(1, Writers * scansEach).Select(id => (long)id), ids.Order());
        using var check = HistoryStore.OpenExisting(path);
        Assert.Equal(Writers * scansEach, check.Count());
        Assert.All(Enumerable.Range(0, Writers), writer => Assert.Equal(scansEach, check.List().Count(scan => scan.Commit == Scans.Commit((char)('a' + writer)))));
        Assert.All(check.List(), scan => Assert.Equal(Scans.Sample.Results.Count, scan.Controls.Count));
    }

    [Fact]
    public async Task ScanProcessesRunningTogetherAllRecord()
    {
        var repo = Path.Combine(_temp.Root, "repo");
        Directory.CreateDirectory(repo);
        File.WriteAllText(Path.Combine(repo, "package.json"), "{\"name\": \"tiny\", \"dependencies\": {\"express\": \"^4.19.2\"}}");
        File.WriteAllText(Path.Combine(repo, "index.js"), "const app = require('express')();\napp.get('/healthz', (req, res) => res.send('ok'));\napp.listen(3000);\n");
        var path = Path.Combine(_temp.Root, "shared.db");
        var runs = Enumerable.Range(0, Writers).Select(_ => Task.Factory.StartNew(
            () => Support.Cli.Run(repo, "scan", ".", "--history", path, "--format", "json"),
            TaskCreationOptions.LongRunning)).ToArray();

        var results = await Task.WhenAll(runs);

        Assert.All(results, run => Assert.Equal((0, ""), (run.ExitCode, run.Stderr)));
        using var store = HistoryStore.OpenExisting(path);
        Assert.Equal(Enumerable.Range(1, Writers).Select(id => (long?)id), store.List().Select(scan => scan.Id));
    }

    public void Dispose() => _temp.Dispose();
}
