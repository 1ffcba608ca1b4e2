using ProdReady.History;
using ProdReady.Model;

namespace ProdReady.Reporting;

/// <summary>A waiver, an attestation or a not-applicable declaration from prodready.yml, with the control it is about.</summary>
public sealed record DeclaredItem(ControlResult Result, Evidence Declaration);

/// <summary>
/// What a status report shows beyond the assessment itself, derived in one place so that the Markdown document and
/// the HTML page never disagree: what to do next, the risks, what the team declared, and how the scores moved.
/// </summary>
public sealed record ReadinessView
{
    public required Assessment Assessment { get; init; }

    /// <summary>What to call the service: prodready.yml's name, else the scanned folder's name.</summary>
    public string ServiceName =>
        Assessment.Service.Name is { Length: > 0 } name ? name : Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(Assessment.Target)));

    /// <summary>Every control not met (fail, partial) or not assessed (unknown), most important first.</summary>
    public required IReadOnlyList<ControlResult> NextSteps { get; init; }

    /// <summary>The risk register: P0 and P1 controls that fail or are only partly met.</summary>
    public required IReadOnlyList<ControlResult> Risks { get; init; }

    /// <summary>prodready.yml's declarations, in catalog order.</summary>
    public required IReadOnlyList<DeclaredItem> Declarations { get; init; }

    /// <summary>
    /// The change from the latest earlier scan that differs from this one; null without history or when every recorded
    /// scan is the same. Skipping identical scans keeps a regenerated report unchanged when nothing changed.
    /// </summary>
    public SnapshotDiff? Change { get; init; }

    /// <summary>The recorded scans, oldest first, ending with this one: the trend.</summary>
    public IReadOnlyList<ScanSnapshot> Trend { get; init; } = [];

    /// <param name="history">Recorded scans, oldest first; this assessment may already be the last of them.</param>
    public static ReadinessView Build(Assessment assessment, IReadOnlyList<ScanSnapshot> history)
    {
        var current = ScanSnapshot.From(assessment, "this scan");
        var earlier = history.Reverse().SkipWhile(scan => SameResults(scan, current)).FirstOrDefault();
        var trend = history.Count > 0 && SameResults(history[^1], current) ? history : [.. history, current];
        return new ReadinessView
        {
            Assessment = assessment,
            NextSteps = [.. assessment.Results.Where(result => result.Status is ResultStatus.Fail or ResultStatus.Partial or ResultStatus.Unknown)],
            Risks = [.. assessment.Results.Where(result => result.Control.Priority <= Priority.P1 && result.Status is ResultStatus.Fail or ResultStatus.Partial)],
            Declarations = [.. assessment.Results.SelectMany(result => result.Evidence
                .Where(evidence => evidence.Source == EvidenceSource.Attestation)
                .Select(evidence => new DeclaredItem(result, evidence)))],
            Change = earlier is null ? null : SnapshotDiff.Between(earlier, current),
            Trend = trend,
        };
    }

    private static bool SameResults(ScanSnapshot a, ScanSnapshot b) =>
        a.Overall == b.Overall
        && a.Controls.Count == b.Controls.Count
        && a.Controls.All(pair => b.Controls.TryGetValue(pair.Key, out var other) && other.Status == pair.Value.Status);
}
