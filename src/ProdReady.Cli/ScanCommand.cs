using System.CommandLine;
using ProdReady.Model;
using ProdReady.Reporting;
using ProdReady.Scanning;

namespace ProdReady.Cli;

internal static class ScanCommand
{
    private static readonly string[] Formats = ["table", "json", "markdown", "sarif", "junit"];

    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "Repository or service folder to scan", DefaultValueFactory = _ => "." };
        var format = new Option<string>("--format", "-f") { Description = "Output format: table, json, markdown, sarif (code scanning) or junit (CI test reports)", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong(Formats);
        var output = new Option<FileInfo?>("--output", "-o") { Description = "Write the report to this file instead of the terminal" };
        var category = new Option<string?>("--category") { Description = "Show only this category: " + string.Join(", ", Category.All) };
        category.AcceptOnlyFromAmong([.. Category.All]);
        var explain = new Option<string?>("--explain") { Description = "Show one control (by id) with all its evidence" };
        var maxFileSize = new Option<long>("--max-file-size") { Description = "Skip files larger than this many bytes", DefaultValueFactory = _ => ScanOptions.DefaultMaxFileSize };
        var arithmetic = new Option<bool>("--show-arithmetic") { Description = "Print how every score was computed" };
        var followSymlinks = new Option<bool>("--follow-symlinks") { Description = "Follow symbolic links (loops are detected and skipped)" };
        var probe = new Option<string?>("--probe") { Description = "Also probe this running service (read-only, bounded) and combine its live evidence with the scan" };
        var today = Today.Option();
        var history = HistoryRecording.PathOption("Record the scan in this history file (default: PATH/.prodready/history.db)");
        var noHistory = HistoryRecording.SkipOption();

        var command = new Command("scan", "Scan a repository against the readiness catalog and score it")
        {
            path, format, output, category, explain, maxFileSize, arithmetic, followSymlinks, probe, today, history, noHistory,
        };
        command.SetAction(parse => Run(
            parse.GetValue(path)!,
            parse.GetValue(format)!,
            parse.GetValue(output),
            parse.GetValue(category),
            parse.GetValue(explain),
            new ScanOptions { MaxFileSize = parse.GetValue(maxFileSize), FollowSymlinks = parse.GetValue(followSymlinks) },
            parse.GetValue(arithmetic),
            parse.GetValue(probe),
            parse.GetValue(today),
            (parse.GetValue(history), parse.GetValue(noHistory))));
        return command;
    }

    private static int Run(string path, string format, FileInfo? output, string? category, string? explain, ScanOptions options, bool arithmetic, string? probeUrl, string? todayText, (string? Path, bool Skip) history)
    {
        if (options.MaxFileSize <= 0)
        {
            Consoles.Fail("--max-file-size must be a positive number of bytes");
            return ExitCodes.BadInput;
        }
        if (Today.Resolve(todayText) is not { } today || Assessing.Load(path) is not { } loaded)
        {
            return ExitCodes.BadInput;
        }
        if (explain is not null && loaded.Catalog.Find(explain) is null)
        {
            Consoles.Fail($"no control with id '{explain}'; `prodready rules list` shows them all");
            return ExitCodes.BadInput;
        }
        var liveTarget = Assessing.ParseProbe(probeUrl, out var badProbe);
        if (badProbe || Assessing.Run(path, loaded, options, liveTarget, today) is not { } assessment)
        {
            return ExitCodes.BadInput;
        }
        HistoryRecording.Record(assessment, path, history.Path, history.Skip);
        return Output.Write(output, writer =>
        {
            if (explain is not null)
            {
                TerminalReport.RenderExplanation(assessment.Results.Single(r => r.Control.Id == explain), Output.ConsoleFor(writer));
                return;
            }
            switch (format)
            {
                case "json":
                    writer.WriteLine(JsonReport.ToJson(assessment));
                    break;
                case "markdown":
                    MarkdownReport.Write(assessment, writer, category);
                    break;
                case "sarif":
                    writer.WriteLine(ScanSarif.Render(assessment));
                    break;
                case "junit":
                    writer.WriteLine(JunitReport.Render(assessment));
                    break;
                default:
                    TerminalReport.Render(assessment, Output.ConsoleFor(writer), new TerminalReportOptions { Category = category, ShowArithmetic = arithmetic });
                    break;
            }
        });
    }
}
