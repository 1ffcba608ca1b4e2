using ProdReady.Catalog;
using ProdReady.Probing;
using ProdReady.Tests.Support;

namespace ProdReady.Tests.Probing;

/// <summary>Which control a finding speaks for is catalog data: the built-in mapping, and a team's own.</summary>
public class LiveEvidenceTests
{
    private static ProbeReport ReportOf(params string[] probeIds) =>
        new(new Uri("http://127.0.0.1:8080/"), [.. probeIds.Select(id => new ProbeFinding(id, ProbeVerdict.Fail, id))], 3);

    [Fact]
    public void TheBuiltInCatalogMapsFindingsToControls()
    {
        var report = LiveEvidence.Attach(ReportOf("headers.banner", "health.readiness", "health.separate", "no.such-probe"), CatalogLoader.LoadBuiltIn().Catalog);

        Assert.Equal(
            ["headers.banner: sec.no-version-banner", "health.readiness: rel.readiness-endpoint", "health.separate: rel.readiness-endpoint", "no.such-probe: "],
            report.Findings.Select(f => $"{f.ProbeId}: {string.Join(",", f.Controls)}"));
    }

    [Fact]
    public void ATeamCanPointAProbeAtItsOwnControl()
    {
        using var repo = new TempRepo((".prodready/rules/edge.yaml", """
            controls:
              - id: sec.edge-banner
                title: The edge proxy hides its version
                category: security
                priority: P2
                probes: [headers.banner]
                rationale: Our proxy team owns this.
                remediation: Set server_tokens off.
            """));
        var loaded = CatalogLoader.LoadFor(repo.Root);
        Assert.True(loaded.Ok, string.Join("\n", loaded.Errors));

        var report = LiveEvidence.Attach(ReportOf("headers.banner"), loaded.Catalog);

        Assert.Equal(["sec.edge-banner", "sec.no-version-banner"], report.Findings[0].Controls);
    }
}
