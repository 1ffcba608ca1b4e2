using ProdReady.Probing;
using ProdReady.TestTarget;

namespace ProdReady.Tests.Probing;

/// <summary>Starts the test target with a behaviour and probes it over real HTTP on 127.0.0.1.</summary>
internal static class ProbeTestSupport
{
    public static async Task<ProbeReport> Probe(TargetBehaviour behaviour, IProbe probe, ProbeOptions? options = null)
    {
        await using var target = await TargetApp.Start(behaviour);
        var report = await ProbeRunner.Run(target.Url, options ?? new ProbeOptions(), [probe]);
        // What a probe reports must be what it declares, or a control's `probes:` list could never name it.
        Assert.Equal([], report.Findings.Select(finding => finding.ProbeId).Where(id => !probe.Findings.Contains(id)).ToArray());
        return report;
    }

    public static string[] Verdicts(ProbeReport report) => [.. report.Findings.Select(f => $"{f.ProbeId} {f.Verdict}")];

    public static ProbeFinding Single(ProbeReport report, string id) => Assert.Single(report.Findings, f => f.ProbeId == id);
}
