using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using ProdReady.Model;

namespace ProdReady.Reporting;

/// <summary>
/// JUnit XML for CI test reports: a test suite per category, a test case per applicable control. A control not met
/// (fail, partial) is a failure typed by its priority; one not assessed (unknown) or waived is skipped; not-applicable
/// controls are left out. Controls are not timed one by one, so only the whole run has a duration.
/// </summary>
public static class JunitReport
{
    public static string Render(Assessment assessment)
    {
        // Rule files are checked to name a known category, so the known ones in reporting order are all there are.
        var suites = Category.All
            .Select(category => (category, Results: assessment.Results.Where(r => r.Control.Category == category && r.Status != ResultStatus.NotApplicable).ToList()))
            .Where(suite => suite.Results.Count > 0)
            .Select(suite => Suite(suite.category, suite.Results, assessment))
            .ToList();
        var root = new XElement("testsuites",
            new XAttribute("name", "prodready"),
            Counts(suites.Sum(suite => (int)suite.Attribute("tests")!), suites.Sum(suite => (int)suite.Attribute("failures")!), suites.Sum(suite => (int)suite.Attribute("skipped")!)),
            new XAttribute("time", Seconds(assessment.Statistics.Elapsed)),
            suites);
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false) }))
        {
            new XDocument(new XDeclaration("1.0", "utf-8", null), root).Save(writer);
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static XElement Suite(string category, IReadOnlyList<ControlResult> results, Assessment assessment)
    {
        var score = assessment.Scores.Categories.FirstOrDefault(s => s.Name == category)?.Value;
        return new XElement("testsuite",
            new XAttribute("name", category),
            Counts(results.Count, results.Count(IsFailure), results.Count(IsSkipped)),
            new XAttribute("time", Seconds(TimeSpan.Zero)),
            new XAttribute("timestamp", assessment.Time.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)),
            new XElement("properties",
                Property("prodready.category.score", ReportText.Percent(score)),
                Property("prodready.overall.score", ReportText.Percent(assessment.Scores.Overall.Value)),
                Property("prodready.level", assessment.Scores.Level.ToId())),
            results.Select(TestCase));
    }

    private static XElement TestCase(ControlResult result)
    {
        var control = result.Control;
        var testCase = new XElement("testcase",
            new XAttribute("classname", "prodready." + control.Category),
            new XAttribute("name", Clean($"{control.Id}: {control.Title}")),
            new XAttribute("time", Seconds(TimeSpan.Zero)));
        if (IsFailure(result))
        {
            testCase.Add(new XElement("failure",
                new XAttribute("message", Clean(ReportText.Why(result))),
                new XAttribute("type", control.Priority.ToString()),
                Clean(FailureBody(result))));
        }
        else if (result.Status == ResultStatus.Unknown)
        {
            testCase.Add(new XElement("skipped", new XAttribute("message", Clean("not assessed: " + result.Reason))));
        }
        else if (result.Status == ResultStatus.Waived)
        {
            testCase.Add(new XElement("skipped", new XAttribute("message", Clean(result.Reason))));
        }
        return testCase;
    }

    private static string FailureBody(ControlResult result)
    {
        var body = new StringBuilder();
        body.AppendLine($"{result.Control.Priority} {result.Status.ToId()}: {ReportText.Why(result)}");
        body.AppendLine($"fix at: {ReportText.Place(result)}");
        foreach (var evidence in result.Evidence)
        {
            var location = evidence.Location.Length == 0 ? "" : evidence.Location + ": ";
            body.AppendLine($"{(evidence.Supports ? "for" : "against")}: {location}{evidence.Message}");
        }
        body.AppendLine($"to fix: {result.Control.Remediation.Trim()}");
        foreach (var reference in result.Control.References)
        {
            body.AppendLine($"see: {reference}");
        }
        return body.ToString();
    }

    private static bool IsFailure(ControlResult result) => result.Status is ResultStatus.Fail or ResultStatus.Partial;

    private static bool IsSkipped(ControlResult result) => result.Status is ResultStatus.Unknown or ResultStatus.Waived;

    // Controls are judged, not run: nothing errors, so errors is always 0.
    private static XAttribute[] Counts(int tests, int failures, int skipped) =>
        [new("tests", tests), new("failures", failures), new("errors", 0), new("skipped", skipped)];

    private static XElement Property(string name, string value) => new("property", new XAttribute("name", name), new XAttribute("value", value));

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);

    /// <summary>Drops characters XML 1.0 cannot carry (control characters from a scanned file's excerpt, say).</summary>
    private static string Clean(string text)
    {
        if (text.All(XmlConvert.IsXmlChar))
        {
            return text;
        }
        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (XmlConvert.IsXmlChar(text[i]))
            {
                clean.Append(text[i]);
            }
            else if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
            {
                clean.Append(text, i++, 2);
            }
        }
        return clean.ToString();
    }
}
