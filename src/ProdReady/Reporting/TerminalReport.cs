using ProdReady.Model;
using Spectre.Console;

namespace ProdReady.Reporting;

public sealed record TerminalReportOptions
{
    /// <summary>Show only this category's results and score.</summary>
    public string? Category { get; init; }

    /// <summary>Print how each score was computed.</summary>
    public bool ShowArithmetic { get; init; }
}

/// <summary>The default human report: stack, scores, then what to fix first.</summary>
public static class TerminalReport
{
    public static void Render(Assessment assessment, IAnsiConsole console, TerminalReportOptions options)
    {
        var results = assessment.Results.Where(r => options.Category is null || r.Control.Category == options.Category).ToList();
        var commit = assessment.Commit is null ? "" : $" @ {assessment.Commit[..7]}";
        console.MarkupLine($"[bold]ProdReady {Markup.Escape(assessment.ToolVersion)}[/] · {Markup.Escape(assessment.Target)}{Markup.Escape(commit)}");
        console.MarkupLine($"[grey]{Markup.Escape(ReportText.StackLine(assessment.Stack))}[/]");
        if (assessment.Live is { } live)
        {
            console.MarkupLine($"[grey]{Markup.Escape(ReportText.LiveLine(live))}[/]");
        }
        console.WriteLine();

        var scores = assessment.Scores;
        var levelColor = scores.Level switch
        {
            ReadinessLevel.NotReady => "red",
            ReadinessLevel.Developing => "yellow",
            ReadinessLevel.Ready => "green",
            _ => "aqua",
        };
        console.MarkupLine($"Overall [bold]{ReportText.Percent(scores.Overall.Value)}[/] / 100 · level [bold {levelColor}]{scores.Level.ToDisplay().ToUpperInvariant()}[/]");
        console.MarkupLine($"[grey]{Markup.Escape(scores.LevelReason)}[/]");
        console.WriteLine();
        console.Write(ScoreTable(scores, options.Category));
        if (options.ShowArithmetic)
        {
            console.MarkupLine("[bold]How the scores are computed[/] (weights " + string.Join(", ", scores.Weights.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value:0.##}")) + "; pass 1, partial 0.5, fail 0)");
            foreach (var score in scores.Categories.Where(s => options.Category is null || s.Name == options.Category).Append(scores.Overall))
            {
                console.WriteLine("  " + ReportText.Arithmetic(score));
            }
            console.WriteLine();
        }

        var actionable = ReportText.Actionable(results).ToList();
        console.MarkupLine(actionable.Count == 0 ? "[green]Nothing to fix: no failing or partial control.[/]" : $"[bold]To fix, most important first[/] ({actionable.Count})");
        foreach (var result in actionable)
        {
            RenderAction(console, result);
        }
        var waived = results.Where(result => result.Status == ResultStatus.Waived).ToList();
        if (waived.Count > 0)
        {
            console.WriteLine();
            console.MarkupLine($"[bold]Waived[/] ({waived.Count}; counted as passing until their date, failing after)");
            foreach (var result in waived)
            {
                console.MarkupLine($"  [bold]{result.Control.Priority}[/] {Markup.Escape(result.Control.Id)} · {Markup.Escape(ReportText.Shorten(result.Reason, 200))}");
            }
        }
        console.WriteLine();
        var counts = Enum.GetValues<ResultStatus>().Select(status => $"{ReportText.StatusMark(status).ToLowerInvariant()} {results.Count(r => r.Status == status)}");
        console.MarkupLine($"[grey]{Markup.Escape(string.Join(" · ", counts))} · {assessment.Statistics.FilesSeen:N0} files, {assessment.Statistics.FilesRead:N0} read in {assessment.Statistics.Elapsed.TotalSeconds:0.00}s[/]");
        console.MarkupLine("[grey]--explain ID shows one control with all its evidence; --format json gives everything.[/]");
        RenderDiagnostics(console, assessment.Diagnostics);
    }

    private static Table ScoreTable(ScoreCard scores, string? category)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("category").AddColumn(new TableColumn("score").RightAligned()).AddColumn("")
            .AddColumn(new TableColumn("pass").RightAligned()).AddColumn(new TableColumn("partial").RightAligned())
            .AddColumn(new TableColumn("fail").RightAligned()).AddColumn(new TableColumn("n/a").RightAligned())
            .AddColumn(new TableColumn("unknown").RightAligned()).AddColumn(new TableColumn("waived").RightAligned());
        foreach (var score in scores.Categories.Where(s => category is null || s.Name == category))
        {
            table.AddRow(
                Markup.Escape(score.Name),
                ReportText.Percent(score.Value),
                Bar(score.Value),
                score.Counts[ResultStatus.Pass].ToString(System.Globalization.CultureInfo.InvariantCulture),
                score.Counts[ResultStatus.Partial].ToString(System.Globalization.CultureInfo.InvariantCulture),
                score.Counts[ResultStatus.Fail].ToString(System.Globalization.CultureInfo.InvariantCulture),
                score.Counts[ResultStatus.NotApplicable].ToString(System.Globalization.CultureInfo.InvariantCulture),
                score.Counts[ResultStatus.Unknown].ToString(System.Globalization.CultureInfo.InvariantCulture),
                score.Counts[ResultStatus.Waived].ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        return table;
    }

    private static string Bar(double? value)
    {
        if (value is not double v)
        {
            return "";
        }
        var filled = (int)Math.Round(v / 10);
        var color = v >= 75 ? "green" : v >= 50 ? "yellow" : "red";
        return $"[{color}]{new string('█', filled)}[/][grey]{new string('░', 10 - filled)}[/]";
    }

    private static void RenderAction(IAnsiConsole console, ControlResult result)
    {
        var control = result.Control;
        var mark = result.Status == ResultStatus.Fail ? "[red]FAIL[/]" : "[yellow]PARTIAL[/]";
        console.WriteLine();
        console.MarkupLine($"{mark} [bold]{control.Priority}[/] {Markup.Escape(control.Id)} · {Markup.Escape(control.Title)} [grey]({control.Category})[/]");
        console.MarkupLine($"     [grey]why:[/] {Markup.Escape(ReportText.Shorten(result.Reason, 220))}");
        // A "not found" reason already names the first thing looked for; list the others.
        var others = result.LookedFor.Where(item => !result.Reason.Contains(item, StringComparison.Ordinal)).ToList();
        if (others.Count > 0)
        {
            console.MarkupLine($"     [grey]also looked for:[/] {Markup.Escape(ReportText.Shorten(string.Join("; ", others), 220))}");
        }
        console.MarkupLine($"     [grey]fix:[/] {Markup.Escape(ReportText.Shorten(control.Remediation, 300))}");
    }

    public static void RenderDiagnostics(IAnsiConsole console, IReadOnlyList<Diagnostic> diagnostics)
    {
        if (diagnostics.Count == 0)
        {
            return;
        }
        console.WriteLine();
        console.MarkupLine($"[yellow]{diagnostics.Count} input problem{(diagnostics.Count == 1 ? "" : "s")} (the scan went on):[/]");
        foreach (var diagnostic in diagnostics.Take(20))
        {
            console.MarkupLine($"  [yellow]{Markup.Escape(diagnostic.Severity.ToString().ToLowerInvariant())}[/] {Markup.Escape(diagnostic.ToString())}");
        }
        if (diagnostics.Count > 20)
        {
            console.MarkupLine($"  [grey]… {diagnostics.Count - 20} more in --format json[/]");
        }
    }

    /// <summary>One control in full: definition, verdict, every piece of evidence.</summary>
    public static void RenderExplanation(ControlResult result, IAnsiConsole console)
    {
        var control = result.Control;
        console.MarkupLine($"[bold]{Markup.Escape(control.Id)}[/] · {Markup.Escape(control.Title)}");
        console.MarkupLine($"{control.Priority} · {control.Category} · defined at {Markup.Escape(control.Origin.ToString())}");
        console.MarkupLine($"Result: [bold]{ReportText.StatusMark(result.Status)}[/] · {Markup.Escape(result.Reason)}");
        console.WriteLine();
        console.MarkupLine("[bold]Why it matters[/]");
        console.WriteLine(control.Rationale);
        console.WriteLine();
        console.MarkupLine("[bold]Looked for[/]");
        foreach (var item in result.LookedFor.DefaultIfEmpty("(nothing: see the result above)"))
        {
            console.WriteLine("  - " + item);
        }
        console.WriteLine();
        console.MarkupLine($"[bold]Evidence[/] ({result.Evidence.Count})");
        foreach (var evidence in result.Evidence)
        {
            var sign = evidence.Supports ? "[green]+[/]" : "[red]-[/]";
            console.MarkupLine($"  {sign} {Markup.Escape(evidence.Location)} [grey]{Markup.Escape(evidence.Detector)}[/] {Markup.Escape(evidence.Message)}");
            if (evidence.Excerpt is { Length: > 0 } excerpt)
            {
                console.MarkupLine($"      [grey]{Markup.Escape(excerpt)}[/]");
            }
            // An attestation is located in prodready.yml; its record is elsewhere.
            if (evidence.File is not null && evidence.Url is { } record)
            {
                console.MarkupLine($"      [grey]record: {Markup.Escape(record)}[/]");
            }
        }
        console.WriteLine();
        console.MarkupLine("[bold]How to fix[/]");
        console.WriteLine(control.Remediation);
        if (control.References.Count > 0)
        {
            console.WriteLine();
            console.MarkupLine("[bold]References[/]");
            foreach (var reference in control.References)
            {
                console.WriteLine("  " + reference);
            }
        }
    }
}
