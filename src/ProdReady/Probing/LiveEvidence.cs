using ProdReady.Catalog;
using ProdReady.Model;

namespace ProdReady.Probing;

/// <summary>
/// Probe findings as evidence for controls. Which finding speaks for which control is catalog data (a control's
/// `probes:` list), so probes stay free of control ids and a team can map a probe to its own control.
/// </summary>
public static class LiveEvidence
{
    /// <summary>Every finding with the ids of the controls that list it.</summary>
    public static ProbeReport Attach(ProbeReport report, ControlCatalog catalog)
    {
        var controlsByProbe = catalog.Controls
            .SelectMany(control => control.Probes.Select(probe => (probe, control.Id)))
            .ToLookup(pair => pair.probe, pair => pair.Id, StringComparer.Ordinal);
        return report with
        {
            Findings = [.. report.Findings.Select(finding => finding with { Controls = [.. controlsByProbe[finding.ProbeId]] })],
        };
    }

    /// <summary>
    /// A conclusive finding as evidence (a pass supports the control, a warning or failure refutes it); an
    /// inconclusive one says nothing about the control, so it gives none.
    /// </summary>
    public static Evidence? ToEvidence(ProbeFinding finding)
    {
        if (finding.Verdict == ProbeVerdict.Inconclusive)
        {
            return null;
        }
        var exchange = finding.Exchanges.Count > 0 ? finding.Exchanges[0] : null;
        return new Evidence
        {
            Source = EvidenceSource.Live,
            Detector = $"probe:{finding.ProbeId}",
            Supports = finding.Verdict == ProbeVerdict.Pass,
            Url = exchange?.Url.ToString(),
            Excerpt = finding.Excerpt ?? exchange?.Summary,
            Message = finding.Verdict == ProbeVerdict.Warn ? $"warning: {finding.Message}" : finding.Message,
        };
    }
}
