using ProdReady.Model;
using ProdReady.Scoring;

namespace ProdReady.Policy;

/// <summary>
/// Folds prodready.yml's declarations into an assessment, as evidence with the file and line they come from, then
/// rescores with the file's weights. One published rule per declaration (docs/configuration.md):
///   not-applicable: the control drops out of the score, whatever the scan said;
///   waive: a failing, partial or unjudged control counts as passing until the date, and fails after it;
///   attest: decides a control the scan cannot judge; on one it can, the worse of the two stands (evidence over
///   claims); an expired attestation counts as a failure.
/// Today is a parameter, never read from the clock here, so expiry is testable.
/// </summary>
public static class PolicyApplier
{
    public static Assessment Apply(Assessment assessment, PolicyFile policy, DateOnly today)
    {
        var declarations = policy.Controls.ToDictionary(declaration => declaration.ControlId, StringComparer.Ordinal);
        var results = assessment.Results
            .Select(result => declarations.TryGetValue(result.Control.Id, out var declaration) ? Apply(result, declaration, today) : result)
            .ToArray();
        return assessment with
        {
            Results = results,
            Scores = ScoreCalculator.Compute(results, Weights(policy)),
            Service = policy.Service,
        };
    }

    /// <summary>The default weights with the file's overrides.</summary>
    public static IReadOnlyDictionary<Priority, double> Weights(PolicyFile policy) =>
        ScoreCalculator.DefaultWeights.ToDictionary(pair => pair.Key, pair => policy.Weights.GetValueOrDefault(pair.Key, pair.Value));

    public static ControlResult Apply(ControlResult result, ControlDeclaration declaration, DateOnly today)
    {
        var (status, reason, evidence) = declaration switch
        {
            NotApplicableDeclaration notApplicable => NotApplicable(notApplicable),
            Waiver waiver => Waive(result, waiver, today),
            Attestation attestation => Attest(result, attestation, today),
            _ => throw new ArgumentOutOfRangeException(nameof(declaration)),
        };
        return result with
        {
            Status = status,
            Reason = reason,
            ScannedStatus = status == result.Status ? null : result.Status,
            // The declaration comes first: it is what decided, or what a reader must know about.
            Evidence = [evidence, .. result.Evidence],
        };
    }

    private static (ResultStatus, string, Evidence) NotApplicable(NotApplicableDeclaration declaration)
    {
        var message = $"declared not applicable: {declaration.Reason}";
        return (ResultStatus.NotApplicable, message, Declared(declaration, DeclaredEvidence.NotApplicable, supports: true, message));
    }

    private static (ResultStatus, string, Evidence) Waive(ControlResult result, Waiver waiver, DateOnly today)
    {
        var valid = today <= waiver.Until;
        var terms = $"{waiver.Owner}: {waiver.Reason}";
        if (result.Status is ResultStatus.Pass or ResultStatus.NotApplicable)
        {
            var message = $"waiver ({terms}, until {Ids.Day(waiver.Until)}) not needed: the control {(result.Status == ResultStatus.Pass ? "passes" : "does not apply")}; remove it";
            return (result.Status, result.Reason, Declared(waiver, DeclaredEvidence.Waiver, supports: true, message) with { Expires = waiver.Until });
        }
        var (status, reason) = valid
            ? (ResultStatus.Waived, $"waived until {Ids.Day(waiver.Until)} by {terms} (scan: {result.Reason})")
            : (ResultStatus.Fail, $"waiver expired on {Ids.Day(waiver.Until)} ({terms}); scan: {result.Reason}");
        return (status, reason, Declared(waiver, DeclaredEvidence.Waiver, supports: valid, reason) with { Expires = waiver.Until });
    }

    private static (ResultStatus, string, Evidence) Attest(ControlResult result, Attestation attestation, DateOnly today)
    {
        var expired = today > attestation.Expires;
        var attested = expired ? ResultStatus.Fail : attestation.Status;
        var message = expired
            ? $"attestation by {attestation.By} on {Ids.Day(attestation.Date)} expired on {Ids.Day(attestation.Expires)}; attest again"
            : $"attested {attestation.Status.ToId()} by {attestation.By} on {Ids.Day(attestation.Date)}, valid until {Ids.Day(attestation.Expires)}";
        var evidence = Declared(attestation, DeclaredEvidence.Attestation, supports: attested == ResultStatus.Pass, message) with
        {
            Expires = attestation.Expires,
            Url = attestation.Evidence,
        };
        var judged = result.Status is ResultStatus.Pass or ResultStatus.Partial or ResultStatus.Fail;
        if (!judged || ScoreCalculator.Credit(attested) < ScoreCalculator.Credit(result.Status))
        {
            return (attested, $"{message}: {attestation.Evidence}", evidence);
        }
        return (result.Status, judged && attested != result.Status ? $"{result.Reason} (the scan outweighs the attestation: {message})" : result.Reason, evidence);
    }

    private static Evidence Declared(ControlDeclaration declaration, string detector, bool supports, string message) => new()
    {
        Source = EvidenceSource.Attestation,
        Detector = detector,
        Supports = supports,
        File = declaration.Origin.File,
        Line = declaration.Origin.Line,
        Message = message,
    };
}
