using System.CommandLine;
using ProdReady.Model;
using ProdReady.Policy;
using ProdReady.Reporting;
using ProdReady.Scanning;

namespace ProdReady.Cli;

/// <summary>`prodready gate`: scan, apply prodready.yml's policy, exit 1 with every reason when it fails.</summary>
internal static class GateCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "Repository or service folder to judge", DefaultValueFactory = _ => "." };
        var baseline = new Option<FileInfo?>("--baseline") { Description = $"Fail only on what got worse than this baseline (e.g. {Baseline.DefaultPath})" };
        var updateBaseline = new Option<bool>("--update-baseline") { Description = $"Write the baseline (to --baseline, or {Baseline.DefaultPath} in the repository) from this run and pass" };
        var markdown = new Option<FileInfo?>("--markdown") { Description = "Also write a short Markdown summary to this file (a PR comment or CI step summary)" };
        var json = new Option<FileInfo?>("--json") { Description = "Also write the assessment JSON to this file" };
        var sarif = new Option<FileInfo?>("--sarif") { Description = "Also write SARIF for code scanning to this file" };
        var junit = new Option<FileInfo?>("--junit") { Description = "Also write JUnit XML for CI test reports to this file" };
        var probe = new Option<string?>("--probe") { Description = "Also probe this running service (read-only, bounded)" };
        var today = Today.Option();
        var history = HistoryRecording.PathOption("Record the run in this history file (default: PATH/.prodready/history.db)");
        var noHistory = HistoryRecording.SkipOption();
        var command = new Command("gate", "Scan and apply the policy in prodready.yml: exit 0 when it passes, 1 when it fails (with the reasons), 2 on bad input")
        {
            path, baseline, updateBaseline, markdown, json, sarif, junit, probe, today, history, noHistory,
        };
        command.SetAction(parse => Run(
            parse.GetValue(path)!,
            parse.GetValue(baseline),
            parse.GetValue(updateBaseline),
            new Reports(parse.GetValue(markdown), parse.GetValue(json), parse.GetValue(sarif), parse.GetValue(junit)),
            parse.GetValue(probe),
            parse.GetValue(today),
            (parse.GetValue(history), parse.GetValue(noHistory))));
        return command;
    }

    private sealed record Reports(FileInfo? Markdown, FileInfo? Json, FileInfo? Sarif, FileInfo? Junit);

    private static int Run(string path, FileInfo? baselineFile, bool updateBaseline, Reports reports, string? probeUrl, string? todayText, (string? Path, bool Skip) history)
    {
        if (Today.Resolve(todayText) is not { } today || Assessing.Load(path) is not { } loaded)
        {
            return ExitCodes.BadInput;
        }
        Baseline? baseline = null;
        if (baselineFile is not null && !updateBaseline && (baseline = ReadBaseline(baselineFile)) is null)
        {
            return ExitCodes.BadInput;
        }
        var liveTarget = Assessing.ParseProbe(probeUrl, out var badProbe);
        if (badProbe || Assessing.Run(path, loaded, new ScanOptions(), liveTarget, today) is not { } assessment)
        {
            return ExitCodes.BadInput;
        }
        HistoryRecording.Record(assessment, path, history.Path, history.Skip);
        var verdict = Gate.Evaluate(assessment, loaded.Policy, today, baseline);
        if (!WriteReports(assessment, verdict, reports))
        {
            return ExitCodes.BadInput;
        }
        if (updateBaseline)
        {
            return WriteBaseline(assessment, verdict, baselineFile ?? new FileInfo(Path.Combine(path, Baseline.DefaultPath)));
        }
        GateReport.Render(assessment, verdict, Consoles.Out);
        return verdict.Passed ? ExitCodes.Done : ExitCodes.PolicyFailed;
    }

    private static Baseline? ReadBaseline(FileInfo file)
    {
        if (!file.Exists)
        {
            Consoles.Fail($"{file}: no baseline there; write one with `prodready gate --update-baseline --baseline {file}`");
            return null;
        }
        string text;
        try
        {
            text = File.ReadAllText(file.FullName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Consoles.Fail($"{file}: cannot read the baseline: {e.Message}");
            return null;
        }
        var (baseline, error) = Policy.Baseline.Parse(text, file.ToString());
        if (error is not null)
        {
            Consoles.Fail(error);
        }
        return baseline;
    }

    private static bool WriteReports(Assessment assessment, GateVerdict verdict, Reports reports)
    {
        var outputs = new (FileInfo? File, Action<TextWriter> Render)[]
        {
            (reports.Markdown, writer =>
            {
                GateReport.WriteMarkdown(verdict, writer);
                MarkdownReport.Write(assessment, writer);
            }),
            (reports.Json, writer => writer.WriteLine(JsonReport.ToJson(assessment))),
            (reports.Sarif, writer => writer.WriteLine(ScanSarif.Render(assessment))),
            (reports.Junit, writer => writer.WriteLine(JunitReport.Render(assessment))),
        };
        return outputs.Where(output => output.File is not null).All(output => Output.Write(output.File, output.Render) == ExitCodes.Done);
    }

    private static int WriteBaseline(Assessment assessment, GateVerdict verdict, FileInfo file)
    {
        if (Output.Write(file, writer => writer.Write(Baseline.From(assessment).ToJson())) != ExitCodes.Done)
        {
            return ExitCodes.BadInput;
        }
        var accepted = verdict.Failures.Count + verdict.Tolerated.Count;
        Console.Out.WriteLine($"baseline written to {file}: {assessment.Results.Count} controls, overall {ReportText.Percent(assessment.Scores.Overall.Value)}; "
            + (accepted == 0 ? "the gate passes without it" : $"the gate now accepts {accepted} known gap{(accepted == 1 ? "" : "s")} and fails on anything worse"));
        return ExitCodes.Done;
    }
}
