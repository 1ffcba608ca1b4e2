using System.Xml.Linq;
using ProdReady.Model;
using ProdReady.Reporting;
using ProdReady.Tests.Support;

namespace ProdReady.Tests.Reporting;

/// <summary>The scan as JUnit XML, read back with XDocument: the usual testsuites / testsuite / testcase structure.</summary>
public class JunitReportTests
{
    private static readonly DateOnly Until = new(2027, 5, 31);

    private static Assessment Waived() =>
        Scans.Waive(Scans.Sample("python-fastapi"), "sec.image-scanning", Until, "team-platform", "the platform team scans every image on push");

    [Fact]
    public void CountsAreTheTestCasesTheyCount()
    {
        var root = XDocument.Parse(JunitReport.Render(Waived())).Root!;

        Assert.Equal("testsuites", root.Name.LocalName);
        foreach (var element in root.Elements("testsuite").Prepend(root))
        {
            var cases = element.Descendants("testcase").ToList();
            Assert.Equal(cases.Count, (int)element.Attribute("tests")!);
            Assert.Equal(cases.Count(c => c.Element("failure") is not null), (int)element.Attribute("failures")!);
            Assert.Equal(cases.Count(c => c.Element("skipped") is not null), (int)element.Attribute("skipped")!);
            Assert.Equal(0, (int)element.Attribute("errors")!);
            Assert.NotNull(element.Attribute("time"));
        }
        Assert.Equal(72, (int)root.Attribute("failures")!);   // 73 fail or partial, one of them waived
        Assert.Equal(9, (int)root.Attribute("skipped")!);   // 8 unknown, 1 waived
    }

    [Fact]
    public void OneTestCasePerApplicableControlInASuitePerCategory()
    {
        var assessment = Waived();
        var root = XDocument.Parse(JunitReport.Render(assessment)).Root!;

        var applicable = assessment.Results.Where(r => r.Status != ResultStatus.NotApplicable).ToList();
        var suites = root.Elements("testsuite").ToList();
        Assert.Equal(Category.All.Where(category => applicable.Any(r => r.Control.Category == category)), suites.Select(suite => (string)suite.Attribute("name")!));
        var expected = Category.All.SelectMany(category => applicable.Where(r => r.Control.Category == category)).Select(r => $"{r.Control.Id}: {r.Control.Title}");
        Assert.Equal(expected, root.Descendants("testcase").Select(c => (string)c.Attribute("name")!));
        Assert.DoesNotContain(root.Descendants("testcase"), c => ((string)c.Attribute("name")!).StartsWith("sec.webhook-signature:", StringComparison.Ordinal));
        foreach (var suite in suites)
        {
            Assert.All(suite.Elements("testcase"), c => Assert.Equal("prodready." + (string)suite.Attribute("name")!, (string)c.Attribute("classname")!));
        }
    }

    [Fact]
    public void ControlNotMetIsAFailureTypedByPriorityWithWhereAndWhatToDo()
    {
        var assessment = Waived();
        var root = XDocument.Parse(JunitReport.Render(assessment)).Root!;

        var failure = TestCase(root, "sec.rate-limiting").Element("failure")!;
        Assert.Equal("P1", (string)failure.Attribute("type")!);
        Assert.Equal("not found: python dependency slowapi or fastapi-limiter or django-ratelimit or flask-limiter", (string)failure.Attribute("message")!);
        var body = failure.Value.Split('\n');
        Assert.Equal("fix at: pyproject.toml", body[1]);
        Assert.Equal("against: pyproject.toml: declares none of slowapi, fastapi-limiter, django-ratelimit, flask-limiter", body[2]);
        Assert.Contains("to fix: Limit per client in the app or at the proxy", failure.Value);

        var partial = TestCase(root, "rel.container-healthcheck").Element("failure")!;
        Assert.Equal("P2", (string)partial.Attribute("type")!);
        Assert.Equal("partly met; healthcheck is not present (docker-compose.yml:2)", (string)partial.Attribute("message")!);
    }

    [Fact]
    public void UnknownAndWaivedAreSkippedAndPassHasNoChild()
    {
        var root = XDocument.Parse(JunitReport.Render(Waived())).Root!;

        Assert.Equal(
            "not assessed: judged on the running service: scan with --probe URL, or record an attestation",
            (string)TestCase(root, "sec.management-endpoints-private").Element("skipped")!.Attribute("message")!);
        Assert.StartsWith(
            "waived until 2027-05-31 by team-platform: the platform team scans every image on push (scan: not found: ",
            (string)TestCase(root, "sec.image-scanning").Element("skipped")!.Attribute("message")!);
        Assert.Empty(TestCase(root, "sec.api-auth").Elements());
    }

    [Fact]
    public void SuitesCarryScoresLevelAndTimestampButNoHostname()
    {
        var assessment = Waived();
        var root = XDocument.Parse(JunitReport.Render(assessment)).Root!;

        var security = root.Elements("testsuite").Single(suite => (string)suite.Attribute("name")! == "security");
        var properties = security.Element("properties")!.Elements("property").ToDictionary(p => (string)p.Attribute("name")!, p => (string)p.Attribute("value")!);
        Assert.Equal(ReportText.Percent(assessment.Scores.Categories.Single(s => s.Name == "security").Value), properties["prodready.category.score"]);
        Assert.Equal(ReportText.Percent(assessment.Scores.Overall.Value), properties["prodready.overall.score"]);
        Assert.Equal("developing", properties["prodready.level"]);
        Assert.Equal(assessment.Time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture), (string)security.Attribute("timestamp")!);
        Assert.DoesNotContain(root.DescendantsAndSelf(), e => e.Attribute("hostname") is not null);
    }

    [Fact]
    public void CharactersXmlCannotCarryAreDropped()
    {
        // A file name may hold any byte but '/' and NUL; XML 1.0 cannot carry the control characters.
        using var repo = new TempRepo(("package.json", Scans.ExpressPackage), ("conf\u0007/.env", "DATABASE_URL=postgres://orders:s3cret-pass@db:5432/orders\n"));

        var xml = JunitReport.Render(Scans.Scan(repo.Root));

        var failure = TestCase(XDocument.Parse(xml).Root!, "sec.no-committed-secrets").Element("failure")!;
        Assert.Contains("conf/.env:1", (string)failure.Attribute("message")!);
    }

    private static XElement TestCase(XElement root, string controlId) =>
        root.Descendants("testcase").Single(c => ((string)c.Attribute("name")!).StartsWith(controlId + ":", StringComparison.Ordinal));
}
