using ProdReady.Catalog;
using ProdReady.Probing;

namespace ProdReady.Tests.Probing;

/// <summary>The probe → control mapping in rules/*.yaml and the ids the probes report agree.</summary>
public class ProbeCatalogTests
{
    /// <summary>Ids that are never evidence: a probe that could not run ("headers": no answer) or information only.</summary>
    private static readonly string[] NotEvidence = ["auth", "auth.public", "cookies", "cors", "errors", "exposure", "headers", "tls"];

    private static readonly string[] Reported = [.. ProbeRunner.DefaultProbes().SelectMany(probe => probe.Findings)];

    [Fact]
    public void EveryProbeIdInTheCatalogIsOneAProbeReports()
    {
        var listed = CatalogLoader.LoadBuiltIn().Catalog.Controls.SelectMany(control => control.Probes.Select(probe => $"{control.Id}: {probe}"));

        Assert.Equal([], listed.Where(entry => !Reported.Contains(entry.Split(": ")[1])).ToArray());
    }

    [Fact]
    public void EveryFindingThatIsEvidenceSpeaksForAControl()
    {
        var listed = CatalogLoader.LoadBuiltIn().Catalog.Controls.SelectMany(control => control.Probes).ToHashSet();

        Assert.Equal([], Reported.Where(id => !listed.Contains(id) && !NotEvidence.Contains(id)).ToArray());
        Assert.Equal([], NotEvidence.Where(listed.Contains).ToArray());
    }

    [Fact]
    public void FindingIdsAreUniqueAcrossProbes()
    {
        Assert.Equal([], Reported.GroupBy(id => id).Where(group => group.Count() > 1).Select(group => group.Key).ToArray());
    }

    [Fact]
    public void TheProbeGuideNamesEveryFindingAndTheControlItSpeaksFor()
    {
        var guide = File.ReadAllText(Path.Combine(Support.RepositoryRoot.Path, "docs", "probe.md"));
        var rows = CatalogLoader.LoadBuiltIn().Catalog.Controls.SelectMany(control => control.Probes.Select(probe => (probe, control.Id)));

        var tableRows = guide.Split('\n').Where(line => line.StartsWith('|')).ToArray();

        Assert.Equal([], rows.Where(row => !tableRows.Any(line => line.Contains($"`{row.probe}`", StringComparison.Ordinal) && line.Contains($"`{row.Id}`", StringComparison.Ordinal)))
            .Select(row => $"{row.probe} → {row.Id}").ToArray());
    }
}
