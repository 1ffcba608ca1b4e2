using ProdReady.Catalog;
using ProdReady.Model;
using ProdReady.Policy;
using ProdReady.Probing;
using ProdReady.Scanning;
using ProdReady.Scoring;
using Spectre.Console;

namespace ProdReady.Cli;

/// <summary>What `scan` and `gate` share: prodready.yml and the catalog, then the scan, the live probe when asked,
/// and the file's declarations folded in. Every failure is printed here and comes back as null (exit 2).</summary>
internal static class Assessing
{
    /// <summary>The repository's policy and catalog; null after printing every error with its file and line.</summary>
    public static LoadedPolicy? Load(string path)
    {
        if (!Directory.Exists(path))
        {
            Consoles.Fail($"{path}: no such folder");
            return null;
        }
        var loaded = PolicyLoader.Load(path);
        if (loaded.Ok)
        {
            return loaded;
        }
        RulesCommand.PrintErrors(loaded.Errors);
        return null;
    }

    public static Uri? ParseProbe(string? probeUrl, out bool failed)
    {
        failed = false;
        if (probeUrl is null)
        {
            return null;
        }
        var (target, problem) = ProbeRunner.ParseTarget(probeUrl);
        if (target is null)
        {
            Consoles.Fail(problem!);
            failed = true;
        }
        return target;
    }

    public static Assessment? Run(string path, LoadedPolicy loaded, ScanOptions options, Uri? liveTarget, DateOnly today)
    {
        var policy = loaded.Policy;
        var assessment = ScanWithProgress(path, loaded.Catalog, options with { Ignore = policy.Ignore, Kind = policy.Service.Kind });
        if (liveTarget is not null)
        {
            var live = LiveEvidence.Attach(ProbeRunner.Run(liveTarget, new ProbeOptions()).GetAwaiter().GetResult(), loaded.Catalog);
            if (live.Unreachable is { } why)
            {
                Consoles.Fail($"{liveTarget}: {why}");
                return null;
            }
            assessment = LiveCombination.Combine(assessment, live);
        }
        return PolicyApplier.Apply(assessment, policy, today);
    }

    /// <summary>A progress bar on stderr when it is a terminal; nothing when output is redirected.</summary>
    private static Assessment ScanWithProgress(string path, ControlCatalog catalog, ScanOptions options)
    {
        if (Console.IsErrorRedirected || !Consoles.Error.Profile.Capabilities.Interactive)
        {
            return Scanner.Scan(path, catalog, options);
        }
        Assessment? assessment = null;
        Consoles.Error.Progress().AutoClear(true).HideCompleted(true).Start(context =>
        {
            var task = context.AddTask("scanning files", maxValue: 1);
            assessment = Scanner.Scan(path, catalog, options with
            {
                Progress = (done, total) =>
                {
                    task.MaxValue = Math.Max(1, total);
                    task.Value = done;
                },
            });
        });
        return assessment!;
    }
}
