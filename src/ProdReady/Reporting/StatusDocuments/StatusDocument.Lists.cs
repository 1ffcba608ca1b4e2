using System.Globalization;
using System.Text;
using ProdReady.History;
using ProdReady.Model;

namespace ProdReady.Reporting.StatusDocuments;

public static partial class StatusDocument
{
    private static string DeclarationsSection(ReadinessView view, StatusDocumentOptions options)
    {
        var text = new StringBuilder("## Waivers, attestations and exclusions\n\n");
        if (view.Declarations.Count == 0)
        {
            return text.Append("prodready.yml declares no waiver, attestation or not-applicable control.\n").ToString();
        }
        var ids = ItemIds(view.Assessment);
        foreach (var (result, declaration) in view.Declarations)
        {
            var kind = declaration.Detector switch
            {
                DeclaredEvidence.Waiver => "waiver",
                DeclaredEvidence.Attestation => "attestation",
                _ => "declared not applicable",
            };
            var until = declaration.Expires is { } expires ? $", until {Ids.Day(expires)}" : "";
            var lines = new List<string>
            {
                $"{Named(result, ids[result.Control.Id])}: {kind}{until}",
                MarkdownText.Plain(declaration.Message, 400),
            };
            var source = declaration.File is { } file ? $"Declared in {MarkdownText.FileLink(options.LinkBase, file, declaration.Line)}" : null;
            var link = declaration.Url is { Length: > 0 } url ? $"evidence: {MarkdownText.Plain(url, 300)}" : null;
            if (string.Join("; ", new[] { source, link }.OfType<string>()) is { Length: > 0 } where)
            {
                lines.Add(where);
            }
            text.Append("- ").Append(string.Join("\\\n  ", lines)).Append('\n');
        }
        return text.ToString();
    }

    private static string NextStepsSection(ReadinessView view, StatusDocumentOptions options)
    {
        var text = new StringBuilder("## Next steps\n\n");
        if (view.NextSteps.Count == 0)
        {
            return text.Append("Nothing left to do: every control passes, is waived or does not apply.\n").ToString();
        }
        var ids = ItemIds(view.Assessment);
        var number = 0;
        foreach (var result in view.NextSteps.OrderBy(result => result.Control.Priority))
        {
            var state = result.Status switch
            {
                ResultStatus.Fail => "fails",
                ResultStatus.Partial => "partly met",
                _ => "not assessed: confirm it, then record an attestation in prodready.yml",
            };
            text.Append($"{++number}. {Named(result, ids[result.Control.Id])} ({state})\\\n   {MarkdownText.Prose(result.Control.Remediation)}{Where(result, options.LinkBase)}\n");
        }
        return text.ToString();
    }

    private static string RisksSection(ReadinessView view)
    {
        var text = new StringBuilder("## Risk register\n\n");
        if (view.Risks.Count == 0)
        {
            return text.Append("No P0 or P1 control fails or is only partly met.\n").ToString();
        }
        var ids = ItemIds(view.Assessment);
        foreach (var result in view.Risks.OrderBy(result => result.Control.Priority))
        {
            var state = result.Status == ResultStatus.Fail ? "fails" : "partly met";
            text.Append($"- {Named(result, ids[result.Control.Id])} ({result.Control.Category}, {state})\\\n");
            text.Append($"  Impact: {MarkdownText.Prose(result.Control.Rationale)}\\\n");
            text.Append($"  Now: {MarkdownText.Plain(ReportText.Why(result))}\n");
        }
        return text.ToString();
    }

    private static string ChangeSection(ReadinessView view)
    {
        var text = new StringBuilder("## Change since the previous scan\n\n");
        if (view.Change is not { } change)
        {
            return text.Append("No earlier recorded scan has different results.\n").ToString();
        }
        var before = change.Before;
        var commit = before.ShortCommit.Length > 0 ? $", commit {MarkdownText.Code(before.ShortCommit)}" : "";
        var level = before.Level == change.After.Level ? $"level {change.After.Level.ToDisplay()}" : $"level {before.Level.ToDisplay()} → {change.After.Level.ToDisplay()}";
        text.Append($"Compared with {MarkdownText.Plain(before.Label, 80)} of {before.Time.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}{commit}: {level}. Moves of {SnapshotDiff.NotableMove.ToString(CultureInfo.InvariantCulture)} points or more are in bold.\n\n");
        text.Append("| Score | Before | Now | Change |\n|---|---:|---:|---:|\n");
        foreach (var score in change.Categories.Prepend(change.Overall))
        {
            var move = ScoreMoveText.Plain(score);
            text.Append($"| {score.Name} | {ReportText.Percent(score.Before)} | {ReportText.Percent(score.After)} | {(score.IsNotable ? $"**{move}**" : move)} |\n");
        }
        var lines = change.Worse.Select(item => $"Worse: {Moved(item)}")
            .Concat(change.Better.Select(item => $"Better: {Moved(item)}"))
            .Concat(change.Changed.Where(item => item.Direction == ChangeDirection.Neutral).Select(item => $"Changed: {Moved(item)}"))
            .Concat(change.Added.Select(item => $"Added: {Moved(item)}"))
            .Concat(change.Removed.Select(item => $"Removed: {Moved(item)}"))
            .ToList();
        text.Append('\n').Append(lines.Count == 0 ? "No control changed status.\n" : string.Concat(lines.Select(line => $"- {line}\n")));
        return text.ToString();
    }

    /// <summary>"P0 sec.api-auth — API endpoints require authentication: fail → pass", in words so no line reads as a status mark.</summary>
    private static string Moved(ControlChange change)
    {
        var from = change.Before is { } before ? before.Status.ToId() : "new";
        var to = change.After is { } after ? after.Status.ToId() : "removed";
        return $"{change.Priority} {MarkdownText.Plain(change.Id, 80)} — {MarkdownText.Plain(change.Title, 160)}: {from} → {to}";
    }
}
