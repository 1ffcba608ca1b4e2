using ProdReady.Model;
using ProdReady.Policy;
using Spectre.Console;

namespace ProdReady.Reporting;

/// <summary>The gate's verdict for people: passed or failed, each reason with the rule of the policy behind it.</summary>
public static class GateReport
{
    public static void Render(Assessment assessment, GateVerdict verdict, IAnsiConsole console)
    {
        var commit = assessment.Commit is null ? "" : $" @ {assessment.Commit[..7]}";
        console.MarkupLine($"[bold]ProdReady {Markup.Escape(assessment.ToolVersion)} gate[/] · {Markup.Escape(assessment.Target)}{Markup.Escape(commit)}{Markup.Escape(ServiceLine(assessment.Service))}");
        console.MarkupLine($"Overall [bold]{ReportText.Percent(assessment.Scores.Overall.Value)}[/] / 100 · level [bold]{assessment.Scores.Level.ToDisplay()}[/]");
        console.MarkupLine($"[grey]policy: {Markup.Escape(verdict.Policy.Describe())}[/]");
        console.WriteLine();
        if (verdict.Passed)
        {
            console.MarkupLine("[bold green]GATE PASSED[/]" + (verdict.Tolerated.Count > 0 ? $" [grey](the baseline accepts {verdict.Tolerated.Count} known gap{Plural(verdict.Tolerated.Count)})[/]" : ""));
        }
        else
        {
            console.MarkupLine($"[bold red]GATE FAILED[/]: {verdict.Failures.Count} reason{Plural(verdict.Failures.Count)}");
            foreach (var reason in verdict.Failures)
            {
                console.MarkupLine($"  [red]✗[/] {Markup.Escape(reason.Message)}");
                if (reason.Detail is { } detail)
                {
                    console.MarkupLine($"      [grey]why:[/] {Markup.Escape(ReportText.Shorten(detail, 200))}");
                }
                console.MarkupLine($"      [grey]rule: {Markup.Escape(reason.Rule)}[/]");
            }
            if (verdict.Tolerated.Count > 0)
            {
                console.MarkupLine($"[grey]The baseline accepts {verdict.Tolerated.Count} more: {Markup.Escape(Ids(verdict.Tolerated))}[/]");
            }
        }
        foreach (var note in verdict.Notes)
        {
            console.MarkupLine($"[yellow]note:[/] {Markup.Escape(note)}");
        }
        if (verdict.Passed)
        {
            return;
        }
        console.WriteLine();
        // Say where to start: the first failing control, or, when only scores fall short, the scan's own to-do list.
        var fix = verdict.Failures.FirstOrDefault(reason => reason.ControlId is not null);
        console.MarkupLine(fix is not null
            ? $"[grey]`prodready scan --explain {Markup.Escape(fix.ControlId!)}` shows a control's evidence; prodready.yml can waive or attest (docs/configuration.md).[/]"
            : "[grey]`prodready scan` lists what to fix, most important first; each fix raises the score by its priority's weight.[/]");
    }

    /// <summary>The gate's part of a pull-request comment or CI step summary; the scan summary follows it.</summary>
    public static void WriteMarkdown(GateVerdict verdict, TextWriter output)
    {
        output.WriteLine(verdict.Passed
            ? $"### ✅ ProdReady gate passed{(verdict.Tolerated.Count > 0 ? $" (the baseline accepts {verdict.Tolerated.Count} known gap{Plural(verdict.Tolerated.Count)})" : "")}"
            : $"### ❌ ProdReady gate failed: {verdict.Failures.Count} reason{Plural(verdict.Failures.Count)}");
        output.WriteLine();
        output.WriteLine($"Policy: {verdict.Policy.Describe()}");
        output.WriteLine();
        // Grouped by the rule they break; each list bounded like the scan summary, so the comment stays within what a
        // pull request or step summary takes (there are only a handful of rules).
        foreach (var rule in verdict.Failures.GroupBy(reason => reason.Rule))
        {
            MarkdownReport.Line(output, $"**{ReportText.MarkdownInline(rule.Key)}**:");
            output.WriteLine();
            MarkdownReport.List(output, [.. rule], reason => $"- {ReportText.MarkdownInline(reason.Message)}", "run `prodready gate` for all");
            output.WriteLine();
        }
        if (verdict.Failures.Count > 0 && verdict.Tolerated.Count > 0)
        {
            MarkdownReport.Line(output, $"- the baseline accepts {verdict.Tolerated.Count} more: {ReportText.MarkdownInline(Ids(verdict.Tolerated))}");
        }
        MarkdownReport.List(output, verdict.Notes, note => $"- note: {ReportText.MarkdownInline(note)}", "run `prodready gate` for all");
        output.WriteLine();
    }

    /// <summary>" · payments-api (critical tier, owner team-payments)", or nothing when prodready.yml names no service.</summary>
    public static string ServiceLine(ServiceInfo service)
    {
        if (service.Name is null && service.Owner is null)
        {
            return "";
        }
        var owner = service.Owner is null ? "" : $", owner {service.Owner}";
        return $" · {service.Name ?? "service"} ({service.Tier.ToId()} tier{owner})";
    }

    private static string Ids(IEnumerable<GateReason> reasons) =>
        string.Join(", ", reasons.Select(reason => reason.ControlId ?? reason.Rule).Distinct(StringComparer.Ordinal));

    private static string Plural(int count) => count == 1 ? "" : "s";
}
