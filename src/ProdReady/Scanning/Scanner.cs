using System.Diagnostics;
using System.Reflection;
using ProdReady.Catalog;
using ProdReady.Model;
using ProdReady.Scanning.Evaluation;
using ProdReady.Scoring;

namespace ProdReady.Scanning;

/// <summary>
/// Collection, then evaluation: walk the repository once, read each needed file once into facts,
/// detect the stack, evaluate every control against the facts, score.
/// </summary>
public static class Scanner
{
    public static string ToolVersion { get; } =
        typeof(Scanner).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static Assessment Scan(string root, ControlCatalog catalog, ScanOptions options, string? target = null)
    {
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var (facts, statistics, diagnostics) = Collect(root, catalog, options);
        var evaluator = new DetectorEvaluator(facts);
        var stack = StackDetector.Detect(facts, catalog, evaluator, options.Kind);
        var controls = new ControlEvaluator(evaluator, stack, catalog.Frameworks);
        // Evaluation only reads the facts, so controls are evaluated side by side.
        var results = catalog.Controls.AsParallel().AsOrdered().WithDegreeOfParallelism(Math.Max(1, options.Parallelism)).Select(controls.Evaluate).ToArray();
        var (commit, branch) = GitInfo.Read(root);
        return new Assessment
        {
            Target = target ?? root,
            Commit = commit,
            Branch = branch,
            Time = started,
            ToolVersion = ToolVersion,
            Stack = stack,
            Results = results,
            Scores = ScoreCalculator.Compute(results),
            Diagnostics = diagnostics,
            Statistics = statistics with { Elapsed = clock.Elapsed },
        };
    }

    /// <summary>The collection half alone: what rule self-tests and feature detection need.</summary>
    public static (FactBase Facts, ScanStatistics Statistics, IReadOnlyList<Diagnostic> Diagnostics) Collect(string root, ControlCatalog catalog, ScanOptions options) =>
        Collect(root, ScanPlan.For(catalog), options);

    internal static (FactBase Facts, ScanStatistics Statistics, IReadOnlyList<Diagnostic> Diagnostics) Collect(string root, ScanPlan plan, ScanOptions options)
    {
        var clock = Stopwatch.StartNew();
        var walk = RepositoryWalker.Walk(root, options);
        var collector = new FileCollector(Path.GetFullPath(root), plan, options);
        var facts = collector.Collect(walk, out var statistics, clock.Elapsed);
        var diagnostics = walk.Diagnostics.Concat(collector.Diagnostics)
            .OrderBy(d => d.File, StringComparer.Ordinal)
            .ThenBy(d => d.Line)
            .ThenBy(d => d.Message, StringComparer.Ordinal)
            .ToArray();
        return (facts, statistics, diagnostics);
    }
}
