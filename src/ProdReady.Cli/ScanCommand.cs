using System.CommandLine;
using ProdReady.Catalog;
using ProdReady.Model;
using ProdReady.Probing;
using ProdReady.Reporting;
using ProdReady.Scanning;
using ProdReady.Scoring;
using Spectre.Console;

namespace ProdReady.Cli;

internal static class ScanCommand
{
    private static readonly string[] Formats = ["table", "json", "markdown"];

    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "Repository or service folder to scan", DefaultValueFactory = _ => "." };
        var format = new Option<string>("--format", "-f") { Description = "Output format: table, json or markdown", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong(Formats);
        var output = new Option<FileInfo?>("--output", "-o") { Description = "Write the report to this file instead of the terminal" };
        var category = new Option<string?>("--category") { Description = "Show only this category: " + string.Join(", ", Category.All) };
        category.AcceptOnlyFromAmong([.. Category.All]);
        var explain = new Option<string?>("--explain") { Description = "Show one control (by id) with all its evidence" };
        var maxFileSize = new Option<long>("--max-file-size") { Description = "Skip files larger than this many bytes", DefaultValueFactory = _ => ScanOptions.DefaultMaxFileSize };
        var arithmetic = new Option<bool>("--show-arithmetic") { Description = "Print how every score was computed" };
        var followSymlinks = new Option<bool>("--follow-symlinks") { Description = "Follow symbolic links (loops are detected and skipped)" };
        var probe = new Option<string?>("--probe") { Description = "Also probe this running service (read-only, bounded) and combine its live evidence with the scan" };
        var history = HistoryRecording.PathOption("Record the scan in this history file (default: PATH/.prodready/history.db)");
        var noHistory = HistoryRecording.SkipOption();

        var command = new Command("scan", "Scan a repository against the readiness catalog and score it")
        {
            path, format, output, category, explain, maxFileSize, arithmetic, followSymlinks, probe, history, noHistory,
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
            (parse.GetValue(history), parse.GetValue(noHistory))));
        return command;
    }

    private static int Run(string path, string format, FileInfo? output, string? category, string? explain, ScanOptions options, bool arithmetic, string? probeUrl, (string? Path, bool Skip) history)
    {
        if (!Directory.Exists(path))
        {
            Consoles.Fail($"{path}: no such folder");
            return ExitCodes.BadInput;
        }
        if (options.MaxFileSize <= 0)
        {
            Consoles.Fail("--max-file-size must be a positive number of bytes");
            return ExitCodes.BadInput;
        }
        if (RulesCommand.Load(path) is not { } loaded)
        {
            return ExitCodes.BadInput;
        }
        if (explain is not null && loaded.Catalog.Find(explain) is null)
        {
            Consoles.Fail($"no control with id '{explain}'; `prodready rules list` shows them all");
            return ExitCodes.BadInput;
        }

        Uri? liveTarget = null;
        if (probeUrl is not null)
        {
            (liveTarget, var problem) = ProbeRunner.ParseTarget(probeUrl);
            if (liveTarget is null)
            {
                Consoles.Fail(problem!);
                return ExitCodes.BadInput;
            }
        }

        var assessment = ScanWithProgress(path, loaded.Catalog, options);
        if (liveTarget is not null)
        {
            var live = LiveEvidence.Attach(ProbeRunner.Run(liveTarget, new ProbeOptions()).GetAwaiter().GetResult(), loaded.Catalog);
            if (live.Unreachable is { } why)
            {
                Consoles.Fail($"{liveTarget}: {why}");
                return ExitCodes.BadInput;
            }
            assessment = LiveCombination.Combine(assessment, live);
        }
        HistoryRecording.Record(assessment, path, history.Path, history.Skip);
        return Write(output, writer =>
        {
            if (explain is not null)
            {
                TerminalReport.RenderExplanation(assessment.Results.Single(r => r.Control.Id == explain), ConsoleFor(writer));
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
                default:
                    TerminalReport.Render(assessment, ConsoleFor(writer), new TerminalReportOptions { Category = category, ShowArithmetic = arithmetic });
                    break;
            }
        });
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

    private static IAnsiConsole ConsoleFor(TextWriter writer) => writer == Console.Out ? Consoles.Out : Consoles.Plain(writer);

    /// <summary>Writes to the file, or stdout. A file is written whole or not at all (temp file, then move).</summary>
    private static int Write(FileInfo? output, Action<TextWriter> render)
    {
        if (output is null)
        {
            render(Console.Out);
            return ExitCodes.Done;
        }
        var temporary = output.FullName + ".tmp";
        try
        {
            using (var writer = new StreamWriter(temporary))
            {
                render(writer);
            }
            File.Move(temporary, output.FullName, overwrite: true);
            return ExitCodes.Done;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Consoles.Fail($"{output.FullName}: cannot write the report: {e.Message}");
            File.Delete(temporary);
            return ExitCodes.BadInput;
        }
    }
}
