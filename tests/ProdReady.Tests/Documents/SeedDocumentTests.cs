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

    public static TheoryData<string, string[], string[]> Expectations => new()
    {
        {
            // Summary: 11 completed claimed, 9 marked; 6 pending claimed, 7 marked; 11+1+0+6 = 18 of 17. The deployment
            // checklist, the risks and the next steps still list items the document marks done.
            "pm-intelligence-status.md",
            ["11 doc.count-sum", "12 doc.count-mismatch", "15 doc.count-mismatch",
             "752 doc.reference-contradicts", "753 doc.reference-contradicts", "754 doc.reference-contradicts", "758 doc.reference-contradicts",
             "779 doc.reference-contradicts", "787 doc.reference-contradicts", "788 doc.reference-contradicts"],
            // P1.1 is open and still a risk: consistent. The checklist agrees on P0.1..P0.6.
            ["778 doc.reference-contradicts", "734 doc.reference-contradicts", "739 doc.reference-contradicts", "13 doc.count-mismatch"]
        },
        {
            // Every milestone from M1 to M6 is ticked while tasks or acceptance criteria under it are open; M0 is late.
            "platform-roadmap.md",
            ["25 doc.past-target", "38 doc.done-with-open-children", "53 doc.done-with-open-children", "64 doc.done-with-open-children",
             "76 doc.done-with-open-children", "88 doc.done-with-open-children", "100 doc.done-with-open-children", "1 doc.undated"],
            []
        },
        {
            // "Production Ready" with CRITICAL items open (data at rest, load testing); Phase 2 complete with a task moved out.
            "rag-checklist.md",
            ["5 doc.ready-with-open-critical", "597 doc.done-with-open-children", "4 doc.stale"],
            ["7 doc.ready-with-open-critical"]
        },
        // "321 test failures (2717/3047 passing = 89%)": 3047 - 2717 is 330.
        { "erp-assessment.md", ["4 doc.stale", "41 doc.arithmetic"], [] },
        // "Overall Score: 73%" while its seven dimension scores average 69%.
        { "alerts-assessment.md", ["3 doc.stale", "4 doc.overall-score"], [] },
    };

    [Theory]
    [MemberData(nameof(Expectations))]
    public void EachSeedYieldsItsFindings(string seed, string[] expected, string[] notExpected)
    {
        var path = Path.Combine(RepositoryRoot.Path, "..", "shared", "seeds", seed);
        if (!File.Exists(path))
        {
            return; // a user's clone has no seeds; CI does
        }
        var findings = DocumentLinter.Lint(DocumentReader.Read(seed, File.ReadAllText(path)), Today).Select(f => $"{f.Line} {f.Id}").ToList();

        Assert.All(expected, finding => Assert.Contains(finding, findings));
        Assert.All(notExpected, finding => Assert.DoesNotContain(finding, findings));
    }

    [Fact]
    public void TheRagChecklistNamesTheOpenCriticalItems()
    {
        var path = Path.Combine(RepositoryRoot.Path, "..", "shared", "seeds", "rag-checklist.md");
        if (!File.Exists(path))
        {
            return;
        }
        var finding = DocumentLinter.Lint(DocumentReader.Read("rag-checklist.md", File.ReadAllText(path)), Today).Single(f => f.Id == "doc.ready-with-open-critical");

        Assert.Contains("Encrypt data at rest (open, line 163)", finding.Message);
        Assert.Contains("Load testing before production (partial, line 300)", finding.Message);
    }
}
