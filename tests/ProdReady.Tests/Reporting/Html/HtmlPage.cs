using System.Xml;
using System.Xml.Linq;
using ProdReady.History;
using ProdReady.Model;
using ProdReady.Reporting;
using ProdReady.Reporting.Html;

namespace ProdReady.Tests.Reporting.Html;

/// <summary>A rendered report parsed as XML (it must be well-formed), with the lookups the tests share.</summary>
public sealed class HtmlPage
{
    public static readonly XNamespace X = "http://www.w3.org/1999/xhtml";
    public static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private HtmlPage(string text, XDocument document)
    {
        Text = text;
        Document = document;
    }

    public string Text { get; }
    public XDocument Document { get; }

    public static HtmlPage Render(Assessment assessment, IReadOnlyList<ScanSnapshot>? history = null) =>
        Parse(HtmlReport.Render(ReadinessView.Build(assessment, history ?? [])));

    /// <summary>Parses the page as XML; throws (failing the test) when it is not well-formed.</summary>
    public static HtmlPage Parse(string text)
    {
        using var reader = XmlReader.Create(new StringReader(text), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        return new HtmlPage(text, XDocument.Load(reader));
    }

    public IEnumerable<XElement> All(string name) => Document.Descendants(X + name);

    public XElement ById(string id) => Document.Descendants().Single(element => (string?)element.Attribute("id") == id);

    public IReadOnlyList<XElement> ControlRows => [.. ById("controls").Element(X + "tbody")!.Elements(X + "tr")];

    public string Style => All("style").Single().Value;
}
