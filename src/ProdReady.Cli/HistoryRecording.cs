using System.CommandLine;
using ProdReady.History;
using ProdReady.Model;

namespace ProdReady.Cli;

/// <summary>
/// Appends an assessment to the scan history (`scan`, `gate`). Recording is a side job: when it fails the command
/// still reports as usual, with one warning that names the file and what to do.
/// </summary>
internal static class HistoryRecording
{
    public static Option<string?> PathOption(string description) => new("--history") { Description = description };

    public static Option<bool> SkipOption() => new("--no-history") { Description = "Do not record this scan in the history" };

    /// <summary>The scan id, or null when skipped or when recording failed (after the warning).</summary>
    public static long? Record(Assessment assessment, string scannedFolder, string? historyPath, bool skip)
    {
        if (skip)
        {
            return null;
        }
        var path = historyPath ?? HistoryStore.DefaultPath(scannedFolder);
        try
        {
            using var store = HistoryStore.Open(path);
            return store.Append(assessment);
        }
        catch (HistoryException problem)
        {
            Consoles.Warn($"{problem.Message}; this scan was not recorded (--no-history skips recording)");
            return null;
        }
    }
}
