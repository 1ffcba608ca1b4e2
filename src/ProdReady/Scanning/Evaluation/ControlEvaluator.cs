using ProdReady.Catalog;
using ProdReady.Model;

namespace ProdReady.Scanning.Evaluation;

/// <summary>
/// Turns a control and the detected stack into a result: applicability first, then the detector tree. A control
/// about services (applies to kinds) looks only at the ecosystems that run one: in a Python API with a TypeScript
/// front end, the front end's packages say nothing about the API's rate limiting or shutdown.
/// </summary>
public sealed class ControlEvaluator(DetectorEvaluator detectors, DetectedStack stack, IReadOnlyList<FrameworkDefinition>? frameworks = null)
{
    /// <summary>Evidence kept per result; the rest is summarised by the reason.</summary>
    public const int EvidencePerResult = 12;

    private readonly FixLocator _locator = new(detectors.Facts);

    public ControlResult Evaluate(Control control)
    {
        var evaluator = EvaluatorFor(control.Applies);
        var (result, outcome) = Judge(control, evaluator);
        return result with { FixAt = _locator.Locate(outcome, control.Detect, evaluator.Ecosystems) };
    }

    private (ControlResult Result, Outcome? Outcome) Judge(Control control, DetectorEvaluator evaluator)
    {
        if (NotApplicableReason(control.Applies) is { } reason)
        {
            return (new ControlResult { Control = control, Status = ResultStatus.NotApplicable, Reason = reason }, null);
        }
        if (control.Detect is null)
        {
            return (new ControlResult
            {
                Control = control,
                Status = ResultStatus.Unknown,
                Reason = control.Probes.Count > 0
                    ? "judged on the running service: scan with --probe URL, or record an attestation"
                    : "only a person can confirm this; record an attestation",
            }, null);
        }
        var outcome = evaluator.Evaluate(control.Detect);
        if (outcome.Status == OutcomeStatus.Skipped)
        {
            var scope = stack.Ecosystems.Where(evaluator.Ecosystems.Contains).ToArray();
            var ecosystems = scope.Length == 0 ? "none detected" : string.Join(", ", scope);
            return (new ControlResult
            {
                Control = control,
                Status = ResultStatus.Unknown,
                Reason = $"no detector for this repository's ecosystems ({ecosystems})",
                LookedFor = outcome.LookedFor,
            }, null);
        }
        // Distinct: one file can be evidence for several branches of the tree (a committed .env, say).
        var evidence = outcome.Evidence.Distinct().Take(EvidencePerResult).ToArray();
        return (new ControlResult
        {
            Control = control,
            Status = outcome.ToResultStatus(),
            Reason = Reason(outcome),
            Evidence = evidence,
            LookedFor = outcome.LookedFor,
        }, outcome);
    }

    private DetectorEvaluator EvaluatorFor(Applicability applies)
    {
        if (applies.Kinds.Count == 0 || frameworks is null)
        {
            return detectors;
        }
        var services = frameworks
            .Where(framework => stack.Frameworks.Contains(framework.Id) && applies.Kinds.Contains(framework.Kind))
            .Select(framework => framework.Ecosystem)
            .ToHashSet(StringComparer.Ordinal);
        return services.Count == 0 ? detectors : detectors.Within(services);
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
