using System.CommandLine;
using ProdReady.History;
using ProdReady.Model;
using ProdReady.Reporting;
using ProdReady.Reporting.Html;
using ProdReady.Reporting.StatusDocuments;
using ProdReady.Scanning;
using Spectre.Console;

namespace ProdReady.Cli;

/// <summary>
/// `prodready report [path] --format markdown|html --output FILE`: the living readiness document, created or updated
/// in place, or one self-contained HTML page (docs/report.md). The run is recorded in the history like a scan; the
/// history gives the change section and the trend.
/// </summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "Repository or service folder to report on", DefaultValueFactory = _ => "." };
        var format = new Option<string>("--format", "-f") { Description = "markdown: a status document updated in place; html: one self-contained page", DefaultValueFactory = _ => "markdown" };
        format.AcceptOnlyFromAmong("markdown", "html");
        var output = new Option<FileInfo?>("--output", "-o") { Description = "Create or update this file (required for html); without it the Markdown goes to the terminal" };
        var today = Today.Option();
        var history = HistoryRecording.PathOption("Record the scan in, and read earlier scans from, this history file (default: PATH/.prodready/history.db)");
        var noHistory = HistoryRecording.SkipOption();
        var command = new Command("report", "Write the readiness status document: scores, items by priority with evidence, next steps, risks and the change since the last scan")
        {
            path, format, output, today, history, noHistory,
        };
        command.SetAction(parse => Run(parse.GetValue(path)!, parse.GetValue(format)!, parse.GetValue(output), parse.GetValue(today), (parse.GetValue(history), parse.GetValue(noHistory))));
        return command;
    }

    private static int Run(string path, string format, FileInfo? output, string? todayText, (string? Path, bool Skip) history)
    {
        if (Today.Resolve(todayText) is not { } today || Assessing.Load(path) is not { } loaded
            || Assessing.Run(path, loaded, new ScanOptions(), liveTarget: null, today) is not { } assessment)
        {
            return ExitCodes.BadInput;
        }
        HistoryRecording.Record(assessment, path, history.Path, history.Skip);
        var view = ReadinessView.Build(assessment, Recorded(path, history.Path));
        switch (format)
        {
            case "html" when output is null:
                Consoles.Fail("--format html needs --output FILE (the page is one file to open in a browser)");
                return ExitCodes.BadInput;
            case "html":
                return Output.Write(output, writer => writer.Write(HtmlReport.Render(view)));
            default:
                return Markdown(view, path, output, today);
        }
    }

    private static int Markdown(ReadinessView view, string scannedFolder, FileInfo? output, DateOnly today)
    {
        if (output is null)
        {
            Console.Out.Write(StatusDocument.Render(view, new StatusDocumentOptions { Date = today }));
            return ExitCodes.Done;
        }
        var linkBase = StatusDocument.LinkBase(output.FullName, scannedFolder);
        var written = StatusDocumentFile.Update(output.FullName, date => StatusDocument.Sections(view, new StatusDocumentOptions { Date = date, LinkBase = linkBase }), today);
        switch (written.Outcome)
        {
            case StatusDocumentOutcome.Refused:
                Consoles.Fail($"{written.Problem}; the file was left as it was");
                return ExitCodes.BadInput;
            case StatusDocumentOutcome.Unchanged:
                Console.Error.WriteLine($"{output.FullName}: up to date, not written");
                break;
            default:
                Console.Error.WriteLine($"{output.FullName}: {(written.Outcome == StatusDocumentOutcome.Created ? "created" : "updated")}");
                break;
        }
        return ExitCodes.Done;
    }

    /// <summary>The recorded scans, oldest first; none when there is no history, with a warning only when it cannot be read.</summary>
    private static IReadOnlyList<ScanSnapshot> Recorded(string scannedFolder, string? historyPath)
    {
        var path = historyPath ?? HistoryStore.DefaultPath(scannedFolder);
        if (!File.Exists(path))
        {
            return [];
        }
        try
        {
            using var store = HistoryStore.OpenExisting(path);
            return store.List();
        }
        catch (HistoryException problem)
        {
            Consoles.Warn($"{problem.Message}; the report has no change section and no trend");
            return [];
        }
    }
}
