using ProdReady.Model;

namespace ProdReady.Reporting;

/// <summary>
/// A short Markdown summary that fits a pull-request comment or a CI step summary (both capped at 65,536
/// characters): scores, then the most important controls to fix and the waived ones, each list cut at
/// <see cref="ListedControls"/> entries and each line at <see cref="MaxLineLength"/> characters, so its size is bounded
/// whatever the repository and the catalog hold.
/// </summary>
public static class MarkdownReport
{
    /// <summary>Controls listed per section; the rest are counted.</summary>
    public const int ListedControls = 15;

    /// <summary>Longest line written; longer reasons, targets and titles are cut.</summary>
    public const int MaxLineLength = 400;

    public static void Write(Assessment assessment, TextWriter output, string? category = null)
    {
        var scores = assessment.Scores;
        var commit = assessment.Commit is null ? "" : $" at `{assessment.Commit[..7]}`";
        Line(output, $"## Production readiness: {ReportText.MarkdownInline(assessment.Target)}{commit}");
        output.WriteLine();
        Line(output, $"**{ReportText.Percent(scores.Overall.Value)} / 100 · {scores.Level.ToDisplay()}** — {ReportText.MarkdownInline(scores.LevelReason)}");
        output.WriteLine();
        Line(output, $"Stack: {ReportText.MarkdownInline(ReportText.StackLine(assessment.Stack))}");
        output.WriteLine();
        if (assessment.Live is { } live)
        {
            Line(output, ReportText.MarkdownInline(ReportText.LiveLine(live)));
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
        var shown = assessment.Results.Where(r => category is null || r.Control.Category == category).ToList();
        var actionable = ReportText.Actionable(shown).ToList();
        if (actionable.Count == 0)
        {
            output.WriteLine("No failing or partial control.");
        }
        else
        {
            output.WriteLine($"### To fix ({actionable.Count}, most important first)");
            output.WriteLine();
            List(output, actionable, result =>
            {
                var status = result.Status == ResultStatus.Fail ? "❌" : "⏳";
                var place = ReportText.Place(result).ToString();
                var at = result.Reason.Contains(place, StringComparison.Ordinal) ? "" : $" (`{place}`)";
                return $"- {status} **{result.Control.Priority}** `{result.Control.Id}` {ReportText.MarkdownInline(result.Control.Title)}: {ReportText.MarkdownInline(result.Reason)}{at}";
            });
        }
        var waived = shown.Where(r => r.Status == ResultStatus.Waived).ToList();
        if (waived.Count > 0)
        {
            output.WriteLine();
            output.WriteLine($"### Waived ({waived.Count})");
            output.WriteLine();
            List(output, waived, result => $"- **{result.Control.Priority}** `{result.Control.Id}` {ReportText.MarkdownInline(result.Control.Title)}: {ReportText.MarkdownInline(result.Reason)}");
        }
        // What a person vouched for, and until when: a reviewer should see it beside what the scan proved.
        var attested = shown
            .Select(result => (result, attestation: result.Evidence.FirstOrDefault(e => e.Source == EvidenceSource.Attestation && e.Detector == DeclaredEvidence.Attestation)))
            .Where(pair => pair.attestation is not null)
            .ToList();
        if (attested.Count > 0)
        {
            output.WriteLine();
            output.WriteLine($"### Attested ({attested.Count})");
            output.WriteLine();
            List(output, attested, pair => $"- **{pair.result.Control.Priority}** `{pair.result.Control.Id}` {ReportText.MarkdownInline(pair.attestation!.Message)} ({ReportText.MarkdownInline(pair.attestation.Url ?? "")})");
        }
    }

    /// <summary>At most <see cref="ListedControls"/> lines, each cut at <see cref="MaxLineLength"/>, then how many more.</summary>
    internal static void List<T>(TextWriter output, IReadOnlyList<T> items, Func<T, string> line, string forAll = "run `prodready scan` for all")
    {
        foreach (var item in items.Take(ListedControls))
        {
            Line(output, line(item));
        }
        if (items.Count > ListedControls)
        {
            output.WriteLine($"- and {items.Count - ListedControls} more; {forAll}");
        }
    }

    internal static void Line(TextWriter output, string text)
    {
        if (text.Length <= MaxLineLength)
        {
            output.WriteLine(text);
            return;
        }
        var cut = MaxLineLength - 1;
        // Never split a surrogate pair (an emoji in a title, say).
        cut -= char.IsHighSurrogate(text[cut - 1]) ? 1 : 0;
        output.WriteLine(text[..cut] + "…");
    }
}
