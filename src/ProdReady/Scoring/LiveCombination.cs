using ProdReady.Model;
using ProdReady.Probing;

namespace ProdReady.Scoring;

/// <summary>
/// Static and live evidence on the same control, combined by one published rule (docs/probe.md):
///   live status = fail if any of the control's conclusive findings fails, partial if any warns, else pass;
///   combined = the live status when the scan could not judge the control (unknown, not applicable),
///   otherwise the worse of the two. Code that intends a header does not excuse a service that does not send it,
///   and a header sent by a proxy does not excuse code the scan found wrong. Inconclusive findings change nothing.
/// </summary>
public static class LiveCombination
{
    /// <summary>The scan with each control's live findings folded in and the scores recomputed.</summary>
    public static Assessment Combine(Assessment scan, ProbeReport probe)
    {
        var findingsByControl = probe.Findings
            .SelectMany(finding => finding.Controls.Select(control => (control, finding)))
            .ToLookup(pair => pair.control, pair => pair.finding, StringComparer.Ordinal);
        var results = scan.Results.Select(result => Combine(result, [.. findingsByControl[result.Control.Id]])).ToArray();
        return scan with
        {
            Results = results,
            Scores = ScoreCalculator.Compute(results, scan.Scores.Weights),
            Live = new LiveTarget(probe.Target.ToString(), probe.RequestsSent) { StoppedBecause = probe.StoppedBecause, HeadersGrade = probe.HeadersGrade },
        };
    }

    public static ControlResult Combine(ControlResult result, IReadOnlyList<ProbeFinding> findings)
    {
        var conclusive = findings.Where(finding => finding.Verdict != ProbeVerdict.Inconclusive).ToArray();
        if (conclusive.Length == 0)
        {
            return result;
        }
        var decisive = conclusive.MaxBy(finding => Rank(StatusOf(finding.Verdict)))!;
        var live = StatusOf(decisive.Verdict);
        var judged = result.Status is ResultStatus.Pass or ResultStatus.Partial or ResultStatus.Fail;
        // On a tie of two problems the live one explains it better: it is what users get.
        var liveDecides = !judged || Rank(live) > Rank(result.Status) || (live != ResultStatus.Pass && Rank(live) == Rank(result.Status));
        var evidence = conclusive.Select(LiveEvidence.ToEvidence).OfType<Evidence>().ToArray();
        return result with
        {
            Status = liveDecides ? live : result.Status,
            Reason = liveDecides ? $"live: {decisive.Message}" : result.Reason,
            // The evidence that decided comes first; static evidence stays, so both sides are visible.
            Evidence = liveDecides ? [.. evidence, .. result.Evidence] : [.. result.Evidence, .. evidence],
        };
    }

    private static ResultStatus StatusOf(ProbeVerdict verdict) => verdict switch
    {
        ProbeVerdict.Fail => ResultStatus.Fail,
        ProbeVerdict.Warn => ResultStatus.Partial,
        _ => ResultStatus.Pass,
    };

    private static int Rank(ResultStatus status) => status switch
    {
        ResultStatus.Fail => 2,
        ResultStatus.Partial => 1,
        _ => 0,
    };
}
