using ProdReady.Catalog;
using ProdReady.Model;
using ProdReady.Scanning;
using ProdReady.Tests.Support;

namespace ProdReady.Tests.History;

/// <summary>Real assessments for the history tests: the node sample scanned once, then varied by commit and time.</summary>
public static class Scans
{
    private static readonly Lazy<Assessment> NodeSample = new(() =>
        Scanner.Scan(RepositoryRoot.Samples("node-express-api"), CatalogLoader.LoadBuiltIn().Catalog, new ScanOptions(), target: "samples/node-express-api"));

    public static Assessment Sample => NodeSample.Value;

    /// <summary>The sample as if scanned at <paramref name="commit"/>, <paramref name="minutes"/> after a fixed start.</summary>
    public static Assessment At(string? commit, int minutes = 0) => Sample with
    {
        Commit = commit,
        Branch = commit is null ? null : "main",
        Time = new DateTimeOffset(2026, 11, 21, 10, 0, 0, TimeSpan.Zero).AddMinutes(minutes),
    };

    public static string Commit(char digit) => new(digit, 40);
}
