using ProdReady.Model;

namespace ProdReady.Scanning.Evaluation;

/// <summary>Turns a control and the detected stack into a result: applicability first, then the detector tree.</summary>
public sealed class ControlEvaluator(DetectorEvaluator detectors, DetectedStack stack)
{
    /// <summary>Evidence kept per result; the rest is summarised by the reason.</summary>
    public const int EvidencePerResult = 12;

    public ControlResult Evaluate(Control control)
    {
        if (NotApplicableReason(control.Applies) is { } reason)
        {
            return new ControlResult { Control = control, Status = ResultStatus.NotApplicable, Reason = reason };
        }
        if (control.Detect is null)
        {
            return new ControlResult
            {
                Control = control,
                Status = ResultStatus.Unknown,
                Reason = "only a person can confirm this; record an attestation",
            };
        }
        var outcome = detectors.Evaluate(control.Detect);
        if (outcome.Status == OutcomeStatus.Skipped)
        {
            var ecosystems = stack.Ecosystems.Count == 0 ? "none detected" : string.Join(", ", stack.Ecosystems);
            return new ControlResult
            {
                Control = control,
                Status = ResultStatus.Unknown,
                Reason = $"no detector for this repository's ecosystems ({ecosystems})",
                LookedFor = outcome.LookedFor,
            };
        }
        // Distinct: one file can be evidence for several branches of the tree (a committed .env, say).
        var evidence = outcome.Evidence.Distinct().Take(EvidencePerResult).ToArray();
        return new ControlResult
        {
            Control = control,
            Status = outcome.ToResultStatus(),
            Reason = Reason(outcome),
            Evidence = evidence,
            LookedFor = outcome.LookedFor,
        };
    }

    private string? NotApplicableReason(Applicability applies)
    {
        if (applies.Kinds.Count > 0 && !applies.Kinds.Any(stack.Kinds.Contains))
        {
            return $"applies to {string.Join("/", applies.Kinds)} services; this repository is {string.Join(", ", stack.Kinds)}";
        }
        if (applies.Ecosystems.Count > 0 && !applies.Ecosystems.Any(stack.Ecosystems.Contains))
        {
            return $"applies to {string.Join("/", applies.Ecosystems)} code; none found";
        }
        var missing = applies.Features.Where(feature => !stack.Features.Contains(feature)).ToArray();
        return missing.Length > 0 ? $"applies when the repository has {string.Join(" and ", missing)}; not detected" : null;
    }

    private static string Reason(Outcome outcome)
    {
        var lead = outcome.Lead is { } found ? Located(found) : null;
        var missing = outcome.Missing.FirstOrDefault() ?? outcome.LookedFor.FirstOrDefault();
        return outcome.Status switch
        {
            OutcomeStatus.Pass => lead ?? "no problem found",
            OutcomeStatus.Partial => outcome.Lead is { Supports: false } ? $"partly met; {lead}" : $"partly met; not found: {missing}",
            _ => outcome.Lead is { Supports: false } ? lead! : $"not found: {missing}",
        };
    }

    private static string Located(Evidence evidence) =>
        evidence.Location.Length == 0 ? evidence.Message : $"{evidence.Message} ({evidence.Location})";
}
