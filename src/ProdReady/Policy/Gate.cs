using ProdReady.Model;

namespace ProdReady.Policy;

/// <summary>One reason the gate fails (or would fail, without the baseline): which control or score, and which rule of the policy.</summary>
/// <param name="Detail">Why, in the scan's words (the control's reason), when the message alone does not say.</param>
public sealed record GateReason(string Rule, string Message, string? ControlId = null, string? Detail = null);

public sealed record GateVerdict
{
    public required EffectivePolicy Policy { get; init; }
    public required IReadOnlyList<GateReason> Failures { get; init; }

    /// <summary>Reasons the baseline accepts: not worse than when the baseline was written.</summary>
    public IReadOnlyList<GateReason> Tolerated { get; init; } = [];

    /// <summary>Worth knowing, never failing: waivers no longer needed, waivers and attestations about to expire.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    public bool Passed => Failures.Count == 0;
}

/// <summary>
/// Applies the policy to an assessment (already folded with prodready.yml by <see cref="PolicyApplier"/>):
///   every control of a must-pass priority passes, is waived or does not apply;
///   no waiver or attestation has expired on a control that still needs it;
///   the level and the scores reach the policy's minimums.
/// With a baseline, a reason fails the gate only when it is worse than the baseline: the control's status ranks
/// lower, or the score or level dropped.
/// </summary>
public static class Gate
{
    /// <summary>A waiver this close to its date is mentioned, so that nobody is surprised by a red build.</summary>
    public const int ExpiryWarningDays = 14;

    public static GateVerdict Evaluate(Assessment assessment, PolicyFile policy, DateOnly today, Baseline? baseline = null)
    {
        var effective = EffectivePolicy.For(policy);
        var reasons = new List<(GateReason Reason, bool Worse)>();
        foreach (var result in assessment.Results)
        {
            var worse = baseline is null || IsWorse(result, baseline);
            if (effective.MustPass.Contains(result.Control.Priority) && Rank(result.Status) < 2)
            {
                reasons.Add((new GateReason(
                    $"{string.Join(" and ", effective.MustPass)} must pass ({effective.MustPassSource})",
                    $"{result.Control.Id} ({result.Control.Priority}) {Describe(result.Status)}: {result.Control.Title}",
                    result.Control.Id,
                    result.Reason), worse));
            }
            else if (result.Status == ResultStatus.Fail && result.Evidence.FirstOrDefault(IsExpiredDeclaration) is { } expired)
            {
                reasons.Add((new GateReason($"waivers and attestations expire ({expired.Location})", $"{result.Control.Id} ({result.Control.Priority}): {expired.Message}", result.Control.Id, result.Reason), worse));
            }
        }
        var scores = assessment.Scores;
        if (effective.Level is { } level && scores.Level < level)
        {
            reasons.Add((new GateReason($"level {level.ToDisplay()} or better ({effective.LevelSource})",
                $"level is {scores.Level.ToDisplay()}: {scores.LevelReason}"), baseline is null || scores.Level < baseline.Level));
        }
        if (effective.MinScore is { } minimum && (scores.Overall.Value ?? 0) < minimum)
        {
            reasons.Add((new GateReason($"overall ≥ {minimum:0.#} ({policy.Source} policy.min-score)",
                $"overall score {Score(scores.Overall.Value)} is below {minimum:0.#}"), baseline is null || Dropped(scores.Overall.Value, baseline.Overall)));
        }
        foreach (var (category, categoryMinimum) in effective.CategoryMinimums)
        {
            var value = scores.Categories.FirstOrDefault(score => score.Name == category)?.Value;
            if (value is double score && score < categoryMinimum)
            {
                reasons.Add((new GateReason($"{category} ≥ {categoryMinimum:0.#} ({policy.Source} policy.categories)",
                    $"{category} score {Score(score)} is below {categoryMinimum:0.#}"), baseline is null || Dropped(score, baseline.Categories.GetValueOrDefault(category))));
            }
        }
        return new GateVerdict
        {
            Policy = effective,
            Failures = [.. reasons.Where(pair => pair.Worse).Select(pair => pair.Reason)],
            Tolerated = [.. reasons.Where(pair => !pair.Worse).Select(pair => pair.Reason)],
            Notes = Notes(assessment, policy, today),
        };
    }

    /// <summary>Rank for the ratchet and for must-pass: fail and unknown 0, partial 1, pass, waived and not-applicable 2.</summary>
    public static int Rank(ResultStatus status) => status switch
    {
        ResultStatus.Fail or ResultStatus.Unknown => 0,
        ResultStatus.Partial => 1,
        _ => 2,
    };

    /// <summary>A control the baseline does not know (a new rule) is held to the baseline's worst, so it never fails the ratchet.</summary>
    private static bool IsWorse(ControlResult result, Baseline baseline) =>
        baseline.Controls.TryGetValue(result.Control.Id, out var before) && Rank(result.Status) < Rank(before);

    private static bool Dropped(double? now, double? before) => (now ?? 0) < (before ?? 0) - 0.05;

    private static bool IsExpiredDeclaration(Evidence evidence) =>
        evidence.Source == EvidenceSource.Attestation && evidence.Expires is not null && !evidence.Supports;

    private static string Describe(ResultStatus status) => status switch
    {
        ResultStatus.Fail => "fails",
        ResultStatus.Partial => "is only partly met",
        _ => "is not assessed",
    };

    private static List<string> Notes(Assessment assessment, PolicyFile policy, DateOnly today)
    {
        var notes = new List<string>();
        var statuses = assessment.Results.ToDictionary(result => result.Control.Id, result => result.Status, StringComparer.Ordinal);
        foreach (var declaration in policy.Controls)
        {
            var status = statuses.GetValueOrDefault(declaration.ControlId);
            switch (declaration)
            {
                case Waiver waiver when status != ResultStatus.Waived && status != ResultStatus.Fail:
                    notes.Add($"{waiver.ControlId}: the waiver ({waiver.Origin}) is not needed any more; remove it");
                    break;
                case Waiver waiver when status == ResultStatus.Waived && waiver.Until.DayNumber - today.DayNumber < ExpiryWarningDays:
                    notes.Add($"{waiver.ControlId}: the waiver ({waiver.Origin}) ends on {Ids.Day(waiver.Until)}, in {waiver.Until.DayNumber - today.DayNumber} days");
                    break;
                case Attestation attestation when today <= attestation.Expires && attestation.Expires.DayNumber - today.DayNumber < ExpiryWarningDays:
                    notes.Add($"{attestation.ControlId}: the attestation ({attestation.Origin}) expires on {Ids.Day(attestation.Expires)}, in {attestation.Expires.DayNumber - today.DayNumber} days");
                    break;
            }
        }
        return notes;
    }

    private static string Score(double? value) => value is double v ? v.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) : "–";
}
