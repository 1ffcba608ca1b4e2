using System.CommandLine;
using ProdReady.History;
using ProdReady.Reporting;

namespace ProdReady.Cli;

/// <summary>`prodready diff A B [path]`: what changed between two scans (ids, commits or assessment JSON files).</summary>
internal static class DiffCommand
{
    public static Command Create()
    {
        var before = new Argument<string>("A") { Description = "The earlier scan: a scan id, a commit (7+ hex digits) or an assessment JSON file" };
        var after = new Argument<string>("B") { Description = "The later scan, given the same way" };
        var path = HistoryCommand.FolderArgument();
        var history = HistoryRecording.PathOption("Read scan ids and commits from this history file (default: PATH/.prodready/history.db)");
        var format = HistoryCommand.FormatOption();
        var command = new Command("diff", "Show how scores and controls changed between two scans: worse first, then better, added and removed")
        {
            before, after, path, history, format,
        };
        command.SetAction(parse => Run(parse.GetValue(before)!, parse.GetValue(after)!, parse.GetValue(path)!, parse.GetValue(history), parse.GetValue(format)!));
        return command;
    }

    private static int Run(string before, string after, string folder, string? historyPath, string format)
    {
        var path = historyPath ?? HistoryStore.DefaultPath(folder);
        HistoryStore? store = null;
        try
        {
            HistoryStore Store() => store ??= HistoryStore.OpenExisting(path);
            var diff = SnapshotDiff.Between(ScanReference.Resolve(before, Store), ScanReference.Resolve(after, Store));
            if (format == "json")
            {
                Console.Out.WriteLine(DiffReport.ToJson(diff));
            }
            else
            {
                DiffReport.Render(diff, Consoles.Out);
            }
            return ExitCodes.Done;
        }
        catch (HistoryException problem)
        {
            Consoles.Fail(problem.Message);
            return ExitCodes.BadInput;
        }
        finally
        {
            store?.Dispose();
        }
    }
}
