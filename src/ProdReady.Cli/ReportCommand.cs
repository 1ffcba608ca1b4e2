using System.CommandLine;
using ProdReady.History;
using ProdReady.Reporting;
using ProdReady.Reporting.Html;
using ProdReady.Scanning;

namespace ProdReady.Cli;

/// <summary>`prodready report --format html --output FILE`: scan, record, and write the readiness page with the history's trend.</summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "Repository or service folder to report on", DefaultValueFactory = _ => "." };
        var format = new Option<string>("--format", "-f") { Description = "html: one self-contained page", Required = true };
        format.AcceptOnlyFromAmong("html");
        var output = new Option<FileInfo>("--output", "-o") { Description = "The file to write, e.g. readiness.html", Required = true };
        var today = Today.Option();
        var history = HistoryRecording.PathOption("Record the scan in, and read the trend from, this history file (default: PATH/.prodready/history.db)");
        var noHistory = HistoryRecording.SkipOption();
        var command = new Command("report", "Write a readiness report from a scan, with the trend from the scan history") { path, format, output, today, history, noHistory };
        command.SetAction(parse => Run(parse.GetValue(path)!, parse.GetValue(output)!, parse.GetValue(today), parse.GetValue(history), parse.GetValue(noHistory)));
        return command;
    }

    private static int Run(string path, FileInfo output, string? todayText, string? historyPath, bool skipHistory)
    {
        if (Today.Resolve(todayText) is not { } today
            || Assessing.Load(path) is not { } loaded
            || Assessing.Run(path, loaded, new ScanOptions(), liveTarget: null, today) is not { } assessment)
        {
            return ExitCodes.BadInput;
        }
        HistoryRecording.Record(assessment, path, historyPath, skipHistory);
        var view = ReadinessView.Build(assessment, Recorded(historyPath ?? HistoryStore.DefaultPath(path)));
        return Output.Write(output, writer => writer.Write(HtmlReport.Render(view)));
    }

    /// <summary>The recorded scans, oldest first; none without a history file, or (after a warning) when it cannot be read.</summary>
    private static IReadOnlyList<ScanSnapshot> Recorded(string historyFile)
    {
        if (!File.Exists(historyFile))
        {
            return [];
        }
        try
        {
            using var store = HistoryStore.OpenExisting(historyFile);
            return store.List();
        }
        catch (HistoryException problem)
        {
            Consoles.Warn($"{problem.Message}; the report shows no trend");
            return [];
        }
    }
}
