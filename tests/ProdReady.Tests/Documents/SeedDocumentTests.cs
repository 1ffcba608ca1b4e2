using ProdReady.Documents;
using ProdReady.Tests.Support;

namespace ProdReady.Tests.Documents;

/// <summary>
/// The real documents in ../shared/seeds (present in CI and development checkouts, not in a user's clone): what a
/// careful reader finds wrong in each, worked out by hand, must be found, at its line, and known non-problems not.
/// </summary>
public class SeedDocumentTests
{
    private static readonly LintOptions Today = new() { Today = new DateOnly(2026, 11, 21) };

    public static TheoryData<string, string[]> Expectations => new()
    {
        {
            // Summary: 11 completed claimed, 9 marked; 6 pending claimed, 7 marked; 11+1+0+6 = 18 of 17. The deployment
            // checklist, the risks and the next steps still list items the document marks done. Not findings: P1.1 is
            // open and still a risk (778); the checklist agrees on P0.1..P0.6 (734-739); "Before Implementation" is history.
            "pm-intelligence-status.md",
            ["3 doc.stale", "11 doc.count-sum", "12 doc.count-mismatch", "15 doc.count-mismatch",
             "752 doc.reference-contradicts", "753 doc.reference-contradicts", "754 doc.reference-contradicts", "758 doc.reference-contradicts",
             "779 doc.reference-contradicts", "787 doc.reference-contradicts", "788 doc.reference-contradicts"]
        },
        {
            // Every milestone from M1 to M6 is ticked while tasks or acceptance criteria under it are open; M0 is late.
            "platform-roadmap.md",
            ["1 doc.undated", "25 doc.past-target", "38 doc.done-with-open-children", "53 doc.done-with-open-children", "64 doc.done-with-open-children",
             "76 doc.done-with-open-children", "88 doc.done-with-open-children", "100 doc.done-with-open-children"]
        },
        {
            // "Production Ready" with CRITICAL items open (data at rest, load testing, environments), and "Critical Items
            // Remaining: 2" for those three. Every row of the score table but Performance's arithmetic disagrees with the
            // section it names (Security: 28 items claimed, 40 written), four scores follow from no formula, Phase 2 is
            // complete with a task moved out, and the next steps call disaster-recovery steps documented while both
            // disaster-recovery items say otherwise.
            "rag-checklist.md",
            ["4 doc.stale", "5 doc.ready-with-open-critical",
             "568 doc.score-table-row", "569 doc.percentage", "569 doc.score-table-row", "570 doc.score-table-row", "571 doc.percentage",
             "571 doc.score-table-row", "572 doc.percentage", "572 doc.score-table-row", "573 doc.percentage", "573 doc.score-table-row",
             "574 doc.score-table-row", "575 doc.percentage", "575 doc.score-table-row", "577 doc.count-mismatch",
             "597 doc.done-with-open-children", "653 doc.reference-contradicts"]
        },
        // "95% Production-Ready" from nothing (every listed item is done); "321 test failures (2717/3047 passing = 89%)":
        // 3047 - 2717 is 330.
        { "erp-assessment.md", ["3 doc.overall-score", "4 doc.stale", "41 doc.arithmetic"] },
        // "Overall Score: 73%" while its seven dimension scores average 69%.
        { "alerts-assessment.md", ["3 doc.stale", "4 doc.overall-score"] },
    };

    private static string? Seed(string name)
    {
        var path = Path.Combine(RepositoryRoot.Path, "..", "shared", "seeds", name);
        return File.Exists(path) ? File.ReadAllText(path) : null; // a user's clone has no seeds; CI does
    }

    private static List<DocumentFinding> Lint(string name, string text) => [.. DocumentLinter.Lint(DocumentReader.Read(name, text), Today)];

    /// <summary>Exactly these findings: a new one is a false alarm until a reader agrees with it.</summary>
    [Theory]
    [MemberData(nameof(Expectations))]
    public void EachSeedYieldsExactlyItsFindings(string seed, string[] expected)
    {
        if (Seed(seed) is not { } text)
        {
            return;
        }

        Assert.Equal(expected, Lint(seed, text).Select(f => $"{f.Line} {f.Id}"));
    }

    [Fact]
    public void FindingsOnTheRagChecklistRecomputeWhatTheyContradict()
    {
        if (Seed("rag-checklist.md") is not { } text)
        {
            return;
        }
        var findings = Lint("rag-checklist.md", text);

        Assert.Equal(
            "Overall row says 108 items, 72 completed, 20 partial, 78%; the document has 128 items: 67 done, 20 partial, 39 open, 2 n/a, which scores 61.1% (score = (done + partial / 2) / (items - n/a) × 100)",
            findings.Single(f => f.Line == 575 && f.Id == "doc.score-table-row").Message);
        Assert.Equal("Summary says Critical Items Remaining: 2; 3 P0/CRITICAL items are not done (lines 163, 300, 514)", findings.Single(f => f.Line == 577).Message);
        Assert.Equal(
            "\"✅ Document disaster recovery steps (DONE - operations_runbook.md)\" (14. Next Steps) marks it done, but \"Disaster recovery plan\" is partial (line 242) and \"Disaster recovery procedures\" is open (line 491)",
            findings.Single(f => f.Line == 653).Message);
    }

    [Fact]
    public void RoadmapMilestonesNameTheirOpenAcceptanceCriteria()
    {
        if (Seed("platform-roadmap.md") is not { } text)
        {
            return;
        }

        Assert.Equal("\"M1 Security Baseline\" is marked done, but 2 items and 1 acceptance criterion under it are not (lines 45, 48, 50)",
            Lint("platform-roadmap.md", text).Single(f => f.Line == 38).Message);
    }

    [Fact]
    public void TheRagChecklistNamesTheOpenCriticalItems()
    {
        if (Seed("rag-checklist.md") is not { } text)
        {
            return;
        }
        var finding = Lint("rag-checklist.md", text).Single(f => f.Id == "doc.ready-with-open-critical");

        Assert.Contains("Encrypt data at rest (open, line 163)", finding.Message);
        Assert.Contains("Load testing before production (partial, line 300)", finding.Message);
    }
}
