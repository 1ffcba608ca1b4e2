using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using ProdReady.History;
using ProdReady.Model;
using ProdReady.Reporting;
using ProdReady.Scoring;
using static ProdReady.Tests.Reporting.Html.HtmlPage;

namespace ProdReady.Tests.Reporting.Html;

/// <summary>The HTML report of real scans: well-formed, self-contained, accessible in structure, and its charts say the scores.</summary>
public class HtmlReportTests
{
    public static TheoryData<string> Samples => new(["node-express-api", "python-fastapi", "aspnet-api", "go-hardened"]);

    [Theory]
    [MemberData(nameof(Samples))]
    public void EverySampleIsWellFormedWithOrderedHeadingsAndHeaderedTables(string sample)
    {
        var page = HtmlPage.Render(Scans.Sample(sample));

        var root = page.Document.Root!;
        Assert.Equal(X + "html", root.Name);
        Assert.Equal("en", (string?)root.Attribute("lang"));
        Assert.StartsWith("<!DOCTYPE html>\n", page.Text);
        var ids = root.Descendants().Select(e => (string?)e.Attribute("id")).OfType<string>().ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        var headings = root.Descendants().Where(e => e.Name.Namespace == X && Regex.IsMatch(e.Name.LocalName, "^h[1-6]$")).Select(e => e.Name.LocalName[1] - '0').ToList();
        Assert.Equal(1, headings[0]);
        Assert.Equal(1, headings.Count(level => level == 1));
        Assert.All(headings.Zip(headings.Skip(1)), pair => Assert.True(pair.Second <= pair.First + 1, $"h{pair.First} followed by h{pair.Second}"));
        Assert.Equal(
            ["Scores", "Next steps", "Risk register", "Declarations", "Change since the previous scan", "Controls"],
            page.All("h2").Select(h => h.Value).Take(6));
        foreach (var table in page.All("table"))
        {
            Assert.False(string.IsNullOrWhiteSpace(table.Element(X + "caption")?.Value), $"table {(string?)table.Attribute("id")} has no caption");
            var headers = table.Element(X + "thead")!.Descendants(X + "th").ToList();
            Assert.NotEmpty(headers);
            Assert.All(headers, th => Assert.Equal("col", (string?)th.Attribute("scope")));
        }
        foreach (var control in page.All("select").Concat(page.All("input")))
        {
            var id = (string)control.Attribute("id")!;
            Assert.Single(page.All("label"), label => (string?)label.Attribute("for") == id);
        }
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void TheTableHasOneRowPerControlWithItsStatusAndPriority(string sample)
    {
        var assessment = Scans.Sample(sample);

        var rows = HtmlPage.Render(assessment).ControlRows;

        Assert.Equal(assessment.Results.Count, rows.Count);
        Assert.Equal(
            assessment.Results.Select(r => $"{r.Control.Id} {r.Status.ToId()} {r.Control.Priority} {r.Control.Category}"),
            rows.Select(row => $"{row.Elements().First().Value} {row.Attribute("data-status")!.Value} {row.Attribute("data-priority")!.Value} {row.Attribute("data-category")!.Value}"));
    }

    [Fact]
    public void CategoryBarsAreAsLongAsTheScoresAndSayThem()
    {
        var assessment = Scans.Sample("python-fastapi");

        var page = HtmlPage.Render(assessment);

        var chart = page.ById("chart-categories");
        Assert.Equal("img", (string?)chart.Attribute("role"));
        var scored = assessment.Scores.Categories.Where(score => score.Value is not null).ToList();
        var bars = chart.Descendants(Svg + "rect").ToList();
        Assert.Equal(scored.Count, bars.Count);
        foreach (var (score, bar) in scored.Zip(bars))
        {
            Assert.Equal(score.Name, (string?)bar.Attribute("data-category"));
            Assert.Equal(ReportText.Percent(score.Value), (string?)bar.Attribute("data-value"));
            // The bar spans 300 units for 100 points.
            Assert.Equal(Math.Max(1, score.Value!.Value * 3), double.Parse((string)bar.Attribute("width")!, CultureInfo.InvariantCulture), precision: 2);
            Assert.Equal(ReportText.Percent(score.Value), ((XElement)bar.NextNode!).Value);
        }
        var desc = chart.Element(Svg + "desc")!.Value;
        Assert.All(assessment.Scores.Categories, score => Assert.Contains($"{score.Name} {(score.Value is null ? "not assessed" : ReportText.Percent(score.Value))}", desc));
    }

    [Fact]
    public void StatusBreakdownStacksEveryStatusPresentAndCountsAll()
    {
        var assessment = Scans.Sample("node-express-api");
        var count = (ResultStatus status) => assessment.Results.Count(r => r.Status == status);

        var chart = HtmlPage.Render(assessment).ById("chart-statuses");

        var segments = chart.Descendants(Svg + "rect").ToDictionary(rect => (string)rect.Attribute("data-status")!, rect => int.Parse((string)rect.Attribute("data-count")!, CultureInfo.InvariantCulture));
        var present = Enum.GetValues<ResultStatus>().Where(status => count(status) > 0).ToDictionary(status => status.ToId(), count);
        Assert.Equal(present, segments);
        Assert.Equal(
            $"{assessment.Results.Count} controls: pass {count(ResultStatus.Pass)}, partial {count(ResultStatus.Partial)}, fail {count(ResultStatus.Fail)}, n/a {count(ResultStatus.NotApplicable)}, unknown {count(ResultStatus.Unknown)}, waived 0.",
            chart.Element(Svg + "desc")!.Value);
    }

    [Fact]
    public void OneScanIsOnePointAndASentence()
    {
        var page = HtmlPage.Render(Scans.Sample("go-hardened"));

        var chart = page.ById("chart-trend");
        Assert.Single(chart.Descendants(Svg + "circle"));
        Assert.Empty(chart.Descendants(Svg + "polyline"));
        Assert.StartsWith("Only one scan is recorded so far", chart.ElementsAfterSelf().First().Value);
    }

    [Fact]
    public void TrendPlotsEveryRecordedScanAndTheChangeMarksMovesOfFivePoints()
    {
        var current = Scans.Sample("go-hardened");
        var earlier = Worse(current, Category.Security);
        var history = new[] { ScanSnapshot.From(earlier, "scan 1", 1) with { Time = current.Time.AddDays(-2) }, ScanSnapshot.From(earlier, "scan 2", 2) with { Time = current.Time.AddDays(-1) } };

        var page = HtmlPage.Render(current, history);

        var points = page.ById("chart-trend").Descendants(Svg + "circle").Select(c => (string)c.Attribute("data-value")!).ToList();
        Assert.Equal([ReportText.Percent(earlier.Scores.Overall.Value), ReportText.Percent(earlier.Scores.Overall.Value), ReportText.Percent(current.Scores.Overall.Value)], points);
        Assert.Single(page.ById("chart-trend").Descendants(Svg + "polyline"));
        var security = page.ById("score-changes").Descendants(X + "tr").Single(row => row.Elements().First().Value == Category.Security);
        Assert.Equal("notable up", (string?)security.Attribute("class"));
        var before = earlier.Scores.Categories.Single(s => s.Name == Category.Security).Value!.Value;
        var after = current.Scores.Categories.Single(s => s.Name == Category.Security).Value!.Value;
        Assert.Equal("▲ +" + Math.Round(after - before, 1).ToString("0.0", CultureInfo.InvariantCulture), security.Elements().Last().Value);
        Assert.Contains(page.ById("change").Elements(X + "p"), p => p.Value.StartsWith("Since scan 2 (", StringComparison.Ordinal));
    }

    [Fact]
    public void TextFromTheScanIsInertWhereverItAppears()
    {
        const string Hostile = "<script>alert(\"x\")</script> & \"quoted\" 'single'";
        var assessment = Scans.Sample("node-express-api");
        var target = assessment.Results.First(r => r.Status == ResultStatus.Fail);
        var hostile = target with
        {
            Control = target.Control with { Title = "title " + Hostile, Category = "cat\"" + Hostile, References = ["javascript:alert(1)", "https://example.org/a?b=1&c=\"2\""] },
            Reason = "reason " + Hostile,
            Evidence = [new Evidence { Source = EvidenceSource.Static, Detector = "content", Supports = false, File = "src/<img src=x onerror=alert(1)>.js", Line = 3, Excerpt = "excerpt " + Hostile + "\u0001", Message = "message " + Hostile, Url = "https://records.example/\"><script>" }],
        };
        var results = assessment.Results.Select(r => r == target ? hostile : r).ToList();

        var page = HtmlPage.Render(assessment with { Results = results, Scores = ScoreCalculator.Compute(results) });

        Assert.Single(page.All("script"));
        Assert.DoesNotContain("<script>alert", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", page.Text, StringComparison.Ordinal);
        var row = page.ById("control-" + target.Control.Id);
        Assert.Equal("cat\"" + Hostile, (string?)row.Attribute("data-category"));
        var cells = row.Elements(X + "td").ToList();
        Assert.Equal("title " + Hostile, cells[1].Value);
        Assert.Equal("reason " + Hostile, cells[5].Value);
        Assert.Equal("excerpt " + Hostile + "\uFFFD", cells[6].Descendants(X + "pre").Single().Value);
        Assert.Contains("src/<img src=x onerror=alert(1)>.js:3", cells[6].Descendants(X + "code").Select(c => c.Value));
        var links = cells[6].Descendants(X + "a").Select(a => (string)a.Attribute("href")!).ToList();
        Assert.Equal(["https://records.example/\"><script>", "https://example.org/a?b=1&c=\"2\""], links);
        Assert.Contains("References: javascript:alert(1), https://example.org", cells[6].Value);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void NothingIsLoadedFromElsewhere(string sample)
    {
        var page = HtmlPage.Render(Scans.Sample(sample));

        // Links a reader may follow are fine; nothing else may name an address, and the CSS imports nothing.
        var addressed = page.Document.Descendants()
            .Where(element => element.Name != X + "a")
            .SelectMany(element => element.Attributes())
            .Where(attribute => !attribute.IsNamespaceDeclaration && Regex.IsMatch(attribute.Value, @"^\s*(https?:)?//", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant))
            .Select(attribute => $"{attribute.Parent!.Name.LocalName} {attribute.Name}={attribute.Value}");
        Assert.Empty(addressed);
        Assert.DoesNotContain(page.Document.Descendants(), e => e.Name.LocalName is "link" or "img" or "iframe" or "object" or "embed" or "image" or "use");
        Assert.All(page.All("script"), script => Assert.Null(script.Attribute("src")));
        Assert.DoesNotContain("url(", page.Style, StringComparison.Ordinal);
        Assert.DoesNotContain("@import", page.Style, StringComparison.Ordinal);
        var policy = (string)page.All("meta").Single(m => (string?)m.Attribute("http-equiv") == "Content-Security-Policy").Attribute("content")!;
        Assert.StartsWith("default-src 'none'; style-src 'sha256-", policy);
    }

    [Fact]
    public void ChartsHaveTitlesAndDescriptionsForScreenReaders()
    {
        var page = HtmlPage.Render(Scans.Sample("aspnet-api"));

        var charts = page.Document.Descendants(Svg + "svg").ToList();
        Assert.Equal(["chart-categories", "chart-trend", "chart-statuses"], charts.Select(svg => (string)svg.Attribute("id")!));
        foreach (var svg in charts)
        {
            Assert.Equal("img", (string?)svg.Attribute("role"));
            var id = (string)svg.Attribute("id")!;
            Assert.Equal($"{id}-title {id}-desc", (string?)svg.Attribute("aria-labelledby"));
            Assert.False(string.IsNullOrWhiteSpace(svg.Element(Svg + "title")?.Value));
            Assert.Matches(@"\d", svg.Element(Svg + "desc")!.Value);
        }
    }

    [Fact]
    public void TextColoursMeetWcagAaInBothSchemes()
    {
        var style = HtmlPage.Render(Scans.Sample("go-hardened")).Style;
        var schemes = new Dictionary<string, Dictionary<string, string>>
        {
            ["light"] = Variables(style[..style.IndexOf("@media (prefers-color-scheme: dark)", StringComparison.Ordinal)]),
            ["dark"] = Variables(style[style.IndexOf("@media (prefers-color-scheme: dark)", StringComparison.Ordinal)..style.IndexOf("* {", StringComparison.Ordinal)]),
        };
        string[] statuses = ["pass", "partial", "fail", "not-applicable", "unknown", "waived"];
        var text = new[] { ("fg", "bg"), ("fg", "surface"), ("muted", "bg"), ("muted", "surface"), ("link", "bg"), ("up", "bg"), ("down", "bg"), ("up", "surface"), ("down", "surface") }
            .Concat(statuses.Select(status => ("fg", status + "-bg")));
        var fills = statuses.Append("accent").Append("focus").Select(fill => (fill, "surface"));
        foreach (var (scheme, colours) in schemes)
        {
            Assert.Equal(22, colours.Count);
            foreach (var (fore, back) in text)
            {
                var ratio = Contrast(colours[fore], colours[back]);
                Assert.True(ratio >= 4.5, $"{scheme}: --{fore} on --{back} is {ratio:0.00}:1, below 4.5:1");
            }
            foreach (var (fore, back) in fills)
            {
                var ratio = Contrast(colours[fore], colours[back]);
                Assert.True(ratio >= 3, $"{scheme}: --{fore} on --{back} is {ratio:0.00}:1, below 3:1 for graphics");
            }
        }
    }

    [Fact]
    public void ContrastIsComputedAsWcagDefinesIt()
    {
        Assert.Equal(21, Contrast("#000000", "#ffffff"), precision: 2);
        Assert.Equal(4.54, Contrast("#767676", "#ffffff"), precision: 2);
    }

    private static Dictionary<string, string> Variables(string css) =>
        Regex.Matches(css, @"--([a-z-]+):\s*(#[0-9a-f]{6});", RegexOptions.CultureInvariant).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);

    private static double Contrast(string a, string b)
    {
        var (light, dark) = (Luminance(a), Luminance(b)) is var (x, y) && x > y ? (x, y) : (y, x);
        return (light + 0.05) / (dark + 0.05);
    }

    private static double Luminance(string hex)
    {
        double Channel(int offset)
        {
            var c = int.Parse(hex.AsSpan(1 + offset, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255.0;
            return c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * Channel(0) + 0.7152 * Channel(2) + 0.0722 * Channel(4);
    }

    /// <summary>The assessment with every passing control of the category failing, scored again.</summary>
    private static Assessment Worse(Assessment assessment, string category)
    {
        var results = assessment.Results.Select(r => r.Control.Category == category && r.Status == ResultStatus.Pass ? r with { Status = ResultStatus.Fail } : r).ToList();
        return assessment with { Results = results, Scores = ScoreCalculator.Compute(results) };
    }
}
