using ProdReady.Model;

namespace ProdReady.Reporting;

/// <summary>A short Markdown summary: fits a pull-request comment or a CI step summary.</summary>
public static class MarkdownReport
{
    public static void Write(Assessment assessment, TextWriter output, string? category = null)
    {
        var scores = assessment.Scores;
        var commit = assessment.Commit is null ? "" : $" at `{assessment.Commit[..7]}`";
        output.WriteLine($"## Production readiness: {ReportText.MarkdownInline(assessment.Target)}{commit}");
        output.WriteLine();
        output.WriteLine($"**{ReportText.Percent(scores.Overall.Value)} / 100 · {scores.Level.ToDisplay()}** — {ReportText.MarkdownInline(scores.LevelReason)}");
        output.WriteLine();
        output.WriteLine($"Stack: {ReportText.MarkdownInline(ReportText.StackLine(assessment.Stack))}");
        output.WriteLine();
        if (assessment.Live is { } live)
        {
            output.WriteLine(ReportText.MarkdownInline(ReportText.LiveLine(live)));
            output.WriteLine();
        }
        output.WriteLine("| Category | Score | Pass | Partial | Fail | N/A | Unknown | Waived |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var score in scores.Categories.Where(s => category is null || s.Name == category))
        {
            var c = score.Counts;
            output.WriteLine($"| {score.Name} | {ReportText.Percent(score.Value)} | {c[ResultStatus.Pass]} | {c[ResultStatus.Partial]} | {c[ResultStatus.Fail]} | {c[ResultStatus.NotApplicable]} | {c[ResultStatus.Unknown]} | {c[ResultStatus.Waived]} |");
        }
        output.WriteLine();
        var actionable = ReportText.Actionable(assessment.Results.Where(r => category is null || r.Control.Category == category)).ToList();
        if (actionable.Count == 0)
        {
            output.WriteLine("No failing or partial control.");
            return;
        }
        output.WriteLine($"### To fix ({actionable.Count}, most important first)");
        output.WriteLine();
        foreach (var result in actionable)
        {
            var status = result.Status == ResultStatus.Fail ? "❌" : "⏳";
            var location = result.Evidence.FirstOrDefault(e => !e.Supports && e.File is not null)?.Location;
            var where = location is null ? "" : $" (`{location}`)";
            output.WriteLine($"- {status} **{result.Control.Priority}** `{result.Control.Id}` {ReportText.MarkdownInline(result.Control.Title)}: {ReportText.MarkdownInline(result.Reason)}{where}");
        }
    }
}
