using ProdReady.Documents;
using ProdReady.Model;
using ProdReady.Reporting.StatusDocuments;
using ProdReady.Tests.Support;

namespace ProdReady.Tests.Reporting;

/// <summary>
/// The status document on every sample: golden Markdown (regenerate with PRODREADY_UPDATE_GOLDEN=1 and review the
/// diff), zero `doc lint` findings, and `doc import` giving back every control's status.
/// </summary>
public class StatusDocumentTests
{
    public static TheoryData<string> Samples() => [.. StatusDocumentViews.SampleNames];

    [Theory]
    [MemberData(nameof(Samples))]
    public void DocumentMatchesTheGoldenFile(string sample)
    {
        var actual = StatusDocument.Render(StatusDocumentViews.Sample(sample), StatusDocumentViews.Options());
        var golden = Path.Combine(RepositoryRoot.Path, "tests", "ProdReady.Tests", "Reporting", "golden", $"status-{sample}.md");
        if (Environment.GetEnvironmentVariable("PRODREADY_UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(golden)!);
            File.WriteAllText(golden, actual);
        }
        Assert.True(File.Exists(golden), $"no golden file {golden}; run with PRODREADY_UPDATE_GOLDEN=1 and review it");
        Assert.Equal(File.ReadAllText(golden), actual);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void DocLintFindsNothing(string sample)
    {
        var document = Read(StatusDocument.Render(StatusDocumentViews.Sample(sample), StatusDocumentViews.Options()));

        var findings = DocumentLinter.Lint(document, new LintOptions { Today = StatusDocumentViews.Today });

        Assert.Empty(findings.Select(finding => $"{finding.Line}: {finding.Id} {finding.Message}"));
        Assert.Equal(new DateOnly(2026, 11, 22), document.LastUpdated?.Date);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void DocLintFindsNothingWithoutHistoryOrDeclarations(string sample)
    {
        var view = ProdReady.Reporting.ReadinessView.Build(StatusDocumentViews.Stable(Scans.Sample(sample)), []);

        var findings = DocumentLinter.Lint(Read(StatusDocument.Render(view, StatusDocumentViews.Options())), new LintOptions { Today = StatusDocumentViews.Today });

        Assert.Empty(findings.Select(finding => $"{finding.Line}: {finding.Id} {finding.Message}"));
    }

    /// <summary>Written out, not computed with StatusDocument.ImportedStatus, so a change to the marks shows here.</summary>
    private static readonly Dictionary<ResultStatus, ItemStatus> Expected = new()
    {
        [ResultStatus.Pass] = ItemStatus.Done,
        [ResultStatus.Partial] = ItemStatus.Partial,
        [ResultStatus.Fail] = ItemStatus.Open,
        [ResultStatus.NotApplicable] = ItemStatus.NotApplicable,
        [ResultStatus.Waived] = ItemStatus.Partial,
        [ResultStatus.Unknown] = ItemStatus.Open,
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void DocImportGivesBackEveryStatus(string sample)
    {
        var view = StatusDocumentViews.Sample(sample);
        var results = view.Assessment.Results;

        var imported = DocumentImport.Import(Read(StatusDocument.Render(view, StatusDocumentViews.Options())), Scans.BuiltIn.Controls);

        Assert.Equal(results.Count, imported.Count);
        Assert.All(imported, item => Assert.Empty(item.Children));
        var byControl = imported.ToDictionary(item => item.Item.Title.Split(' ')[0], item => item.Item);
        Assert.All(results, result =>
        {
            var item = byControl[result.Control.Id];
            Assert.Equal((result.Control.Id, Expected[result.Status]), (result.Control.Id, item.Status));
            Assert.Equal(result.Control.Priority, item.Priority);
        });
        Assert.Contains(results, result => result.Status == ResultStatus.Waived);
        Assert.Contains(results, result => result.Status == ResultStatus.Unknown);
    }

    [Fact]
    public void ImportedStatusAgreesWithTheWrittenMapping()
    {
        Assert.All(Enum.GetValues<ResultStatus>(), status => Assert.Equal(Expected[status], StatusDocument.ImportedStatus(status)));
    }

    [Fact]
    public void EvidenceLinksAreRelativeToTheDocumentFolder()
    {
        var text = StatusDocument.Render(StatusDocumentViews.Sample("node-express-api"), StatusDocumentViews.Options());

        Assert.Contains("[Dockerfile:1](../Dockerfile#L1)", text);
        Assert.Contains("[src/app.ts:8](../src/app.ts#L8)", text);
    }

    [Theory]
    [InlineData("docs/STATUS.md", "", "../")]
    [InlineData("STATUS.md", "", "")]
    [InlineData("STATUS.md", "services/api", "services/api/")]
    public void LinkBaseLeadsFromTheDocumentToTheScannedFolder(string document, string scanned, string expected)
    {
        var root = Path.Combine(Path.GetTempPath(), "prodready-linkbase");

        Assert.Equal(expected, StatusDocument.LinkBase(Path.Combine(root, document), Path.Combine(root, scanned)));
    }

    [Fact]
    public void ChangeSectionShowsTheEarlierScanAndTheControlThatImproved()
    {
        var view = StatusDocumentViews.Sample("go-hardened");
        var improved = view.Change!.Better.Single();

        var change = StatusDocument.Sections(view, StatusDocumentViews.Options()).Single(section => section.Name == StatusDocument.Change).Body;

        Assert.Contains("Compared with scan 1 of 2026-11-15, commit `1111111`", change);
        Assert.Contains($"- Better: {improved.Priority} {improved.Id} — ", change);
        Assert.Contains(": fail → pass\n", change);
    }

    private static ReadinessDocument Read(string text) => DocumentReader.Read("PRODUCTION_READINESS.md", text);
}
