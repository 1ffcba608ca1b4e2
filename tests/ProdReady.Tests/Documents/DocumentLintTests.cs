using ProdReady.Documents;
using ProdReady.Model;
using ProdReady.Tests.Support;

namespace ProdReady.Tests.Documents;

/// <summary>Fixtures written in the styles of real readiness documents; each asserts every finding and its line.</summary>
public class DocumentLintTests
{
    private static readonly LintOptions Today = new() { Today = new DateOnly(2026, 11, 21) };

    private static ReadinessDocument Read(string fixture) =>
        DocumentReader.Read(fixture, File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Documents", "fixtures", fixture)));

    private static string[] Findings(string fixture) =>
        [.. DocumentLinter.Lint(Read(fixture), Today).Select(f => $"{f.Line} {f.Id}: {f.Message}")];

    [Fact]
    public void StatusDocumentWithIdsGetsCountsPercentagesDuplicatesAndStaleReferences()
    {
        Assert.Equal(
            [
                "9 doc.percentage: Pending: 2 of 6 is 33.3%, not 40%",
                "31 doc.duplicate-id: id P1.1 is used again (first at line 27)",
                "36 doc.reference-contradicts: \"[ ] P0.2: Idempotent Writes\" (Deployment Checklist) marks P0.2 open, but the item is done (line 21)",
                "41 doc.reference-contradicts: \"⚠️ LOW: Retries could storm the provider (P1.1)\" (Remaining Risks) still lists P1.1 as a risk, but the item is done (line 27)",
                "46 doc.reference-contradicts: \"Finish P0.1: already shipped\" (Next Steps) still lists P0.1, which is done (line 15)",
            ],
            Findings("status-by-id.md"));
    }

    [Fact]
    public void StatusDocumentItemsCarryIdPriorityStatusAndCitedPaths()
    {
        var document = Read("status-by-id.md");

        var tracked = document.TrackedItems().ToList();
        Assert.Equal(
            ["P0.1 P0 Done 15", "P0.2 P0 Done 21", "P0.3 P0 Open 23", "P1.1 P1 Done 27", "P1.2 P1 Open 29", "P1.1 P1 Done 31"],
            tracked.Select(item => $"{item.Id} {item.Priority} {item.Status} {item.Line}"));
        Assert.Equal("Request Signing", tracked[0].Title);
        Assert.Equal((new DateOnly(2026, 10, 1), 3), document.LastUpdated);
        Assert.Equal(["Total Items 6 - 7", "Completed 4 67 8", "Pending 2 40 9"], document.Counts.Select(c => $"{c.Label} {c.Count} {c.Percent?.ToString() ?? "-"} {c.Line}"));
    }

    [Fact]
    public void MilestoneMarkedDoneWithOpenTasksAndOneLateAreFound()
    {
        Assert.Equal(
            [
                "8 doc.done-with-open-children: \"M0 Groundwork\" is marked done, but 1 item under it is not (line 10)",
                "16 doc.past-target: \"M1 Hardening\" is partial and its target date 2026-10-15 has passed",
            ],
            Findings("milestones.md"));
    }

    [Fact]
    public void MilestonesTakeTheirStatusOwnerAndTargetFromTheirFirstLine()
    {
        var milestones = Read("milestones.md").Items;

        Assert.Equal(["M0 Groundwork Done Platform 2026-09-01 4", "M1 Hardening Partial Backend 2026-10-15 2", "M2 Launch Open Everyone 2027-01-10 1"],
            milestones.Select(m => $"{m.Title} {m.Status} {m.Owner} {m.Target:yyyy-MM-dd} {m.Children.Count}"));
        Assert.Equal(["package-lock.json"], milestones[0].Children[0].CitedPaths);
        Assert.Equal(["Lockfile committed (`package-lock.json`)", "Renovate configured."], milestones[0].Children.Take(2).Select(c => c.Title));
    }

    [Fact]
    public void ChecklistClaimingReadyWithAnOpenCriticalItemIsAnErrorAndTheLegendIsNoItem()
    {
        Assert.Equal(
            [
                "4 doc.ready-with-open-critical: claims \"Current Status: ✅ Production Ready\" while 1 P0/CRITICAL item is not done: Secrets moved to a secret manager (open, line 15)",
                "21 doc.done-with-open-children: \"Phase 1: Basics\" is marked done, but 1 item under it is not (line 23)",
            ],
            Findings("checklist.md"));
        var items = Read("checklist.md").AllItems().ToList();
        Assert.Equal(["P0 Done", "P0 Open", "P1 Partial", "P2 NotApplicable", "- Done", "- Done", "- Open"], items.Select(i => $"{(i.Priority?.ToString() ?? "-")} {i.Status}"));
    }

    [Fact]
    public void AnOverallScoreNoTableYieldsAndWrongArithmeticInProseAreFound()
    {
        Assert.Equal(
            [
                "4 doc.overall-score: overall score 80% follows from nothing stated: the mean of the 3 scores in the table at line 7 is 73.3%; the same weighted by item count is 77.5%",
                "15 doc.arithmetic: 45/60 is 75%, not 70%",
            ],
            Findings("dimensions.md"));
    }

    [Fact]
    public void ScoreTableRowsAreRecomputedAndPlansAreReadByTitle()
    {
        Assert.Equal(
            [
                "37 doc.percentage: Reliability row: 70% follows from neither 2/4 = 50% nor (2 + 1/2)/4 = 62.5%",
                "37 doc.score-table-row: Reliability row says 4 items, 2 completed, 1 partial, 70%; section \"2. Reliability\" (line 26) has 3 items: 1 done, 1 partial, 1 open, 0 n/a, which scores 50% (score = (done + partial / 2) / (items - n/a) × 100)",
                "38 doc.count-sum: the 2 rows above add up to 8 items, 4 completed, 2 partial; the Overall row says 8 items, 4 completed, 3 partial",
                "38 doc.percentage: Overall row: 63% follows from neither 4/8 = 50% nor (4 + 3/2)/8 = 68.8%",
                "38 doc.score-table-row: Overall row says 8 items, 4 completed, 3 partial, 63%; the document has 7 items: 3 done, 2 partial, 2 open, 0 n/a, which scores 57.1% (score = (done + partial / 2) / (items - n/a) × 100)",
                "40 doc.count-mismatch: Summary says Critical Items Remaining: 1; 0 P0/CRITICAL items are not done",
                "51 doc.reference-contradicts: \"✅ Add circuit breaker for payment API\" (Phase 1: Foundations ✅ COMPLETE) marks it done, but \"Circuit breakers for external APIs\" is partial (line 29)",
            ],
            Findings("scored-checklist.md"));
    }

    [Fact]
    public void ExamplesQuickWinsAndPlansAreNotCountedAsItems()
    {
        var document = Read("scored-checklist.md");

        Assert.Equal([20, 21, 23, 24, 28, 29, 30], document.TrackedItems().Select(item => item.Line));
        Assert.Equal([44, 45, 50, 51, 55, 56, 57, 58], document.Mentions.Select(mention => mention.Line));
    }

    [Fact]
    public void StatusTablesAreItemsWithIdPriorityOwnerAndTarget()
    {
        Assert.Equal(
            [
                "4 doc.ready-with-open-critical: claims \"Status: Production Ready\" while 1 P0/CRITICAL item is not done: Rotate the signing key (partial, line 17)",
                "6 doc.done-with-open-children: section \"Code Quality ✅\" is marked done, but 1 item in it is not (line 11)",
                "17 doc.past-target: \"Rotate the signing key\" is partial and its target date 2026-11-01 has passed",
                "19 doc.past-target: \"Dashboards for queue depth\" is open and its target date 2026-10-20 has passed",
                "20 doc.duplicate-id: id P1.1 is used again (first at line 19)",
            ],
            Findings("status-tables.md"));
        var items = Read("status-tables.md").TrackedItems().ToList();
        Assert.Equal(
            ["10 - - Done - -", "11 - - Open - -", "17 P0.1 P0 Partial Security 2026-11-01", "18 P0.2 P0 Done Ops 2026-12-15", "19 P1.1 P1 Open Platform 2026-10-20", "20 P1.1 P1 Done Platform -"],
            items.Select(i => $"{i.Line} {i.Id ?? "-"} {i.Priority?.ToString() ?? "-"} {i.Status} {i.Owner ?? "-"} {i.Target?.ToString("yyyy-MM-dd") ?? "-"}"));
        Assert.Equal(["ops/restore.sh"], items[3].CitedPaths);
    }

    [Fact]
    public void AHeadingMarkIsAStatusOnlyWhenHeadingMarksVary()
    {
        // One ✅ among icons is decoration: a template with every box still empty is not "done with open items".
        var icons = DocumentReader.Read("t.md", "# Checklist\n\nLast Updated: 2026-11-20\n\n## Functionality ✅\n- [ ] Features done\n\n## Security 🔒\n- [ ] Inputs validated\n");

        Assert.Empty(DocumentLinter.Lint(icons, Today));
    }

    [Fact]
    public void APercentageStatusWithNothingBehindItAndFailuresThatDoNotAddUpAreFound()
    {
        Assert.Equal(
            [
                "3 doc.overall-score: overall score 90% follows from nothing stated: done items with partial ones counting half is 100%",
                "25 doc.arithmetic: 12 failures, but 86 of 100 passing leaves 14",
            ],
            Findings("assessment.md"));
        Assert.Equal(["Dockerfile"], Read("assessment.md").Items[0].CitedPaths);
    }

    [Fact]
    public void AConsistentDocumentHasNoFindings()
    {
        Assert.Empty(Findings("consistent.md"));
    }

    [Fact]
    public void AcceptanceCriteriaUnderAMilestoneAreNamedAsSuch()
    {
        var document = DocumentReader.Read("m.md", "# Plan\n\n## M1 Launch\n- [x] Owner: Ops  Target: 2026-12-01\n- Tasks\n  - [x] Cut over DNS\n- Acceptance criteria\n  - [ ] Error rate below 1% for a week\n");

        var milestone = Assert.Single(document.Items);
        Assert.Equal(["Cut over DNS False", "Error rate below 1% for a week True"], milestone.Children.Select(c => $"{c.Title} {c.IsAcceptanceCriterion}"));
        Assert.Equal(["4 doc.done-with-open-children: \"M1 Launch\" is marked done, but 1 acceptance criterion under it is not (line 8)"],
            DocumentLinter.Lint(document, Today).Where(f => f.Id != "doc.undated").Select(f => $"{f.Line} {f.Id}: {f.Message}"));
    }

    [Fact]
    public void ADocumentThatIsAllPlanTracksItsPlanItems()
    {
        var document = DocumentReader.Read("plan.md", "# Rollout\n\n## Rollout Plan\n\n### Phase 1 ✅ COMPLETE\n- ✅ Canary in one region\n- ❌ Rollback drill\n");

        Assert.Equal(["Phase 1 Done", "Canary in one region Done", "Rollback drill Open"], document.TrackedItems().Select(i => $"{i.Title} {i.Status}"));
        Assert.Empty(document.Mentions);
    }

    [Fact]
    public void AnOverallScoreThatIsTheWeightedMeanIsAccepted()
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Documents", "fixtures", "dimensions.md")).Replace("**80%**", "**77.5%**", StringComparison.Ordinal);

        Assert.DoesNotContain(DocumentLinter.Lint(DocumentReader.Read("d.md", text), Today), finding => finding.Id == "doc.overall-score");
    }

    [Fact]
    public void TheSummaryCountsTrackedItemsPerSectionWithTheScoreFormula()
    {
        var (categories, overall) = DocumentSummary.Compute(Read("status-by-id.md"));

        Assert.Equal(
            ["P0 - Must Fix Before Launch 3/2/0/1/0 66.7", "P1 - Should Fix 3/2/0/1/0 66.7"],
            categories.Select(c => $"{c.Category} {c.Items}/{c.Done}/{c.Partial}/{c.Open}/{c.NotApplicable} {c.Score:0.0}"));
        Assert.Equal("overall 6/4/0/2/0 66.7", $"{overall.Category} {overall.Items}/{overall.Done}/{overall.Partial}/{overall.Open}/{overall.NotApplicable} {overall.Score:0.0}");
    }

    [Fact]
    public void JsonOutputListsEveryFinding()
    {
        var run = Support.Cli.Run(Path.Combine(AppContext.BaseDirectory, "Documents", "fixtures"), "doc", "lint", "milestones.md", "--format", "json", "--today", "2026-11-21");

        using var json = System.Text.Json.JsonDocument.Parse(run.Stdout);
        Assert.Equal("1.0", json.RootElement.GetProperty("schemaVersion").GetString());
        Assert.Equal(
            ["8 doc.done-with-open-children warning", "16 doc.past-target warning"],
            json.RootElement.GetProperty("findings").EnumerateArray().Select(f => $"{f.GetProperty("line").GetInt32()} {f.GetProperty("id").GetString()} {f.GetProperty("severity").GetString()}"));
    }

    [Fact]
    public void SarifHasOneRulePerIdAndResultsAtTheDocumentsLines()
    {
        var run = Support.Cli.Run(Path.Combine(AppContext.BaseDirectory, "Documents", "fixtures"), "doc", "lint", "milestones.md", "--format", "sarif", "--today", "2026-11-21");

        using var sarif = System.Text.Json.JsonDocument.Parse(run.Stdout);
        Assert.Equal("2.1.0", sarif.RootElement.GetProperty("version").GetString());
        var only = sarif.RootElement.GetProperty("runs")[0];
        var rules = only.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        Assert.Equal(DocumentLintIds.Descriptions.Keys, rules);
        Assert.Equal(
            ["doc.done-with-open-children warning milestones.md 8", "doc.past-target warning milestones.md 16"],
            only.GetProperty("results").EnumerateArray().Select(r =>
            {
                var location = r.GetProperty("locations")[0].GetProperty("physicalLocation");
                return $"{r.GetProperty("ruleId").GetString()} {r.GetProperty("level").GetString()} {location.GetProperty("artifactLocation").GetProperty("uri").GetString()} {location.GetProperty("region").GetProperty("startLine").GetInt32()}";
            }));
    }

    [Fact]
    public void EveryFindingIdIsDescribed()
    {
        var fixtures = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Documents", "fixtures"), "*.md");

        var ids = fixtures.SelectMany(path => DocumentLinter.Lint(DocumentReader.Read(path, File.ReadAllText(path)), Today)).Select(f => f.Id).Distinct();

        Assert.All(ids, id => Assert.True(DocumentLintIds.Descriptions.ContainsKey(id), id));
    }

    [Fact]
    public void AnOldDocumentIsStaleAndAnUndatedOneIsNoted()
    {
        var old = DocumentReader.Read("old.md", "# Status\n\nLast Updated: 2026-01-02\n\n- [x] One\n");
        var undated = DocumentReader.Read("undated.md", "# Status\n\n- [x] One\n");

        Assert.Equal(["3 doc.stale: last updated 2026-01-02, 323 days ago (more than 90, --max-age)"],
            DocumentLinter.Lint(old, Today).Select(f => $"{f.Line} {f.Id}: {f.Message}"));
        Assert.Equal(["1 doc.undated: the document says nowhere when it was last updated"],
            DocumentLinter.Lint(undated, Today).Select(f => $"{f.Line} {f.Id}: {f.Message}"));
    }

    [Theory]
    [InlineData("**Last Updated:** October 12, 2025  ", "2025-10-12")]
    [InlineData("Last Evaluated: 2025-09-02T12:05:00Z", "2025-09-02")]
    [InlineData("As of: 3 Feb 2026", "2026-02-03")]
    [InlineData("Last Reviewed: Sept. 4, 2026", null)] // not a date format we know: undated rather than a wrong date
    public void LastUpdatedDatesAreReadInCommonFormats(string line, string? expected)
    {
        var document = DocumentReader.Read("d.md", $"# S\n\n{line}\n");

        Assert.Equal(expected, document.LastUpdated?.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("\uFEFF# S\r\nLast Updated: 2026-11-20\r\n\r\n- [x] One\r\n- ✅\uFE0F Two\r\n")] // BOM, CRLF, variation selector
    [InlineData("# S\n\n| a | b |\n|---|\n| 1 |\n| 1 | 2 | 3 |\n")] // table with missing and extra cells
    [InlineData("")]
    [InlineData("\0\u0001 not really markdown ]]]][[[[ ### ---")]
    public void OddInputIsReadWithoutFailing(string text)
    {
        var document = DocumentReader.Read("odd.md", text);

        _ = DocumentLinter.Lint(document, Today);
        Assert.All(document.AllItems(), item => Assert.True(item.Line >= 1));
    }

    [Fact]
    public void BomCrlfAndVariationSelectorsDoNotChangeWhatIsRead()
    {
        var document = DocumentReader.Read("odd.md", "\uFEFF# S\r\nLast Updated: 2026-11-20\r\n\r\n- [x] One\r\n- ✅\uFE0F Two\r\n");

        Assert.Equal(["One Done 4", "Two Done 5"], document.AllItems().Select(i => $"{i.Title} {i.Status} {i.Line}"));
        Assert.Equal(2, document.LastUpdated?.Line);
    }

    [Fact]
    public void MixedLineEndingsKeepEveryLineNumber()
    {
        var document = DocumentReader.Read("mixed.md", "# S\r\n\n- [x] One\r- [ ] Two\n\r\n| Item | Status |\r|---|---|\n| [x] Three | |\r\n| Four | ✅ |\n");

        Assert.Equal(["One 3", "Two 4", "Three 8", "Four 9"], document.AllItems().Select(i => $"{i.Title} {i.Line}"));
    }

    [Fact]
    public void TheCliReportsFindingsWithFileAndLineAndRefusesBinaryInput()
    {
        using var repo = new TempRepo(("READINESS.md", "# S\n\nLast Updated: 2026-11-20\n\n- **Completed**: 2\n\n- [x] One\n"));
        repo.WriteBytes("image.md", [0x89, 0x50, 0x4E, 0x47, 0, 0, 0]);

        var run = Support.Cli.Run(repo.Root, "doc", "lint", "READINESS.md", "--today", "2026-11-21");
        var binary = Support.Cli.Run(repo.Root, "doc", "lint", "image.md");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("READINESS.md:5: error Summary says Completed: 2; 1 item is marked done (line 7) (doc.count-mismatch)", run.Stdout);
        Assert.Equal(2, binary.ExitCode);
        Assert.Contains("image.md: this is a binary file, not a Markdown document", binary.Stderr);
    }
}
