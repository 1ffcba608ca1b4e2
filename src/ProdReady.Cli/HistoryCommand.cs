using System.CommandLine;
using ProdReady.History;
using ProdReady.Reporting;
using Spectre.Console;

namespace ProdReady.Cli;

/// <summary>`prodready history [path]`: the recorded scans of a folder and how their scores moved.</summary>
internal static class HistoryCommand
{
    public const int DefaultLimit = 20;

    public static Command Create()
    {
        var path = FolderArgument();
        var history = HistoryRecording.PathOption("Read this history file (default: PATH/.prodready/history.db)");
        var limit = new Option<int>("--limit", "-n") { Description = "Show the last N scans (0: all)", DefaultValueFactory = _ => DefaultLimit };
        var format = FormatOption();
        var command = new Command("history", "Show the recorded scans: scores, level and the change from the scan before, with a trend per category")
        {
            path, history, limit, format,
        };
        command.SetAction(parse => Run(parse.GetValue(path)!, parse.GetValue(history), parse.GetValue(limit), parse.GetValue(format)!));
        return command;
    }

    public static Argument<string> FolderArgument() =>
        new("path") { Description = "The scanned folder whose .prodready/history.db to read", DefaultValueFactory = _ => "." };

    public static Option<string> FormatOption()
    {
        var format = new Option<string>("--format", "-f") { Description = "table or json", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        return format;
    }

    private static int Run(string folder, string? historyPath, int limit, string format)
    {
        if (limit < 0)
        {
            Consoles.Fail("--limit must be 0 (all) or a positive number of scans");
            return ExitCodes.BadInput;
        }
        if (historyPath is null && !Directory.Exists(folder))
        {
            Consoles.Fail($"{folder}: no such folder");
            return ExitCodes.BadInput;
        }
        var path = historyPath ?? HistoryStore.DefaultPath(folder);
        if (historyPath is null && !File.Exists(path))
        {
            // Nothing scanned here yet is a normal state, not an error.
            if (format == "json")
            {
                Console.Out.WriteLine(HistoryReport.ToJson([], null, 0, path));
            }
            else
            {
                Consoles.Out.MarkupLine($"No history yet: {Markup.Escape(path)} does not exist. `prodready scan {Markup.Escape(folder)}` records every scan.");
            }
            return ExitCodes.Done;
        }
        try
        {
            using var store = HistoryStore.OpenExisting(path);
            var scans = store.List(limit == 0 ? null : limit);
            var previous = scans.Count > 0 ? store.LatestBefore(scans[0].Id!.Value) : null;
            var total = store.Count();
            if (format == "json")
            {
                Console.Out.WriteLine(HistoryReport.ToJson(scans, previous, total, path));
            }
            else
            {
                HistoryReport.Render(scans, previous, total, path, Consoles.Out);
            }
            return ExitCodes.Done;
        }
        catch (HistoryException problem)
        {
            Consoles.Fail(problem.Message);
            return ExitCodes.BadInput;
        }
    }
}
