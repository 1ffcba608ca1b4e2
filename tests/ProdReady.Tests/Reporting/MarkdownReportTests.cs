using System.Text;
using ProdReady.Catalog;
using ProdReady.Model;
using ProdReady.Reporting;
using ProdReady.Scanning;
using ProdReady.Tests.Support;

namespace ProdReady.Tests.Reporting;

/// <summary>The Markdown summary stays short enough for a PR comment or a CI step summary, and lists what to act on.</summary>
public class MarkdownReportTests
{
    private const int CommentLimit = 65_536;

    [Fact]
    public void LongListStopsAtFifteenAndCountsTheRest()
    {
        var assessment = Scans.Sample("node-express-api");
        var actionable = assessment.Results.Count(r => r.Status is ResultStatus.Fail or ResultStatus.Partial);

        var lines = Render(assessment).Split('\n');

        var start = Array.IndexOf(lines, $"### To fix ({actionable}, most important first)");
        Assert.True(start > 0, "no To fix heading");
        var listed = lines.Skip(start + 2).TakeWhile(line => line.StartsWith("- ", StringComparison.Ordinal)).ToList();
        Assert.Equal(MarkdownReport.ListedControls + 1, listed.Count);
        Assert.StartsWith("- ❌ **P0** `sec.api-auth` API endpoints require authentication: ", listed[0]);
        Assert.Equal($"- and {actionable - MarkdownReport.ListedControls} more; run `prodready scan` for all", listed[^1]);
    }

    [Fact]
    public void EachControlToFixSaysWhereOnce()
    {
        var text = Render(Scans.Sample("node-express-api"));

        Assert.Contains("`sec.security-headers` HTTP responses carry security headers: not found: node dependency helmet or @fastify/helmet or koa-helmet (`package.json`)\n", text);
        // The reason already names the Dockerfile line.
        Assert.Contains("`sec.container-non-root` Containers run as a non-root user: final stage has no USER; the container runs as root (Dockerfile:1)\n", text);
    }

    [Fact]
    public void WaivedControlsAreListedWithTheirDate()
    {
        var assessment = Scans.Waive(Scans.Sample("python-fastapi"), "sec.image-scanning", new DateOnly(2027, 5, 31), "team-platform", "the platform team scans every image on push");

        var text = Render(assessment);

        Assert.Contains("\n### Waived (1)\n\n- **P2** `sec.image-scanning` Container images are scanned for vulnerabilities in CI: waived until 2027-05-31 by team-platform: the platform team scans every image on push (scan: not found: ", text);
    }

    [Fact]
    public void StaysUnderTheCommentLimitWhateverTheCatalogHolds()
    {
        using var repo = new TempRepo(("package.json", Scans.ExpressPackage), (".prodready/rules/many.yaml", ManyLongControls(400)));
        var loaded = CatalogLoader.LoadFor(repo.Root);
        Assert.True(loaded.Ok, string.Join("\n", loaded.Errors));
        var assessment = Scanner.Scan(repo.Root, loaded.Catalog, new ScanOptions());
        foreach (var id in Enumerable.Range(1, 20).Select(Id))
        {
            assessment = Scans.Waive(assessment, id, new DateOnly(2027, 5, 31), "team-platform", new string('w', 3000));
        }

        var text = Render(assessment);

        Assert.True(text.Length < CommentLimit, $"{text.Length} characters");
        Assert.All(text.Split('\n'), line => Assert.True(line.Length <= MarkdownReport.MaxLineLength, $"{line.Length} characters"));
        var actionable = assessment.Results.Count(r => r.Status is ResultStatus.Fail or ResultStatus.Partial);
        Assert.True(actionable > 380, $"{actionable} to fix");
        Assert.Contains($"- and {actionable - MarkdownReport.ListedControls} more; run `prodready scan` for all\n", text);
        Assert.EndsWith("- and 5 more; run `prodready scan` for all\n", text);   // of the 20 waived
    }

    private static string Id(int n) => $"ops.long-{n:000}";

    /// <summary>Failing P0 controls with 3,000-character titles: the level reason names them all.</summary>
    private static string ManyLongControls(int count)
    {
        var yaml = new StringBuilder("controls:\n");
        foreach (var n in Enumerable.Range(1, count))
        {
            yaml.Append($"""
                  - id: {Id(n)}
                    title: {string.Concat(Enumerable.Repeat("Operations keep a very long promise ", 90))}{n}
                    category: operations
                    priority: P0
                    rationale: Long titles must not make the summary too long for a comment.
                    remediation: Nothing.
                    detect:
                      file: {"{"} glob: ["never-here-{n}.md"] {"}"}
                    examples:
                      pass: [ {"{"} files: {"{"} never-here-{n}.md: x {"}"} {"}"} ]
                      fail: [ {"{"} files: {"{"} other.md: x {"}"} {"}"} ]

                """);
        }
        return yaml.ToString();
    }

    private static string Render(Assessment assessment)
    {
        using var writer = new StringWriter { NewLine = "\n" };
        MarkdownReport.Write(assessment, writer);
        return writer.ToString();
    }
}
