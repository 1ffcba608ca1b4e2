using System.Xml;
using System.Xml.Linq;

namespace ProdReady.Scanning.Manifests;

/// <summary>Loading XML manifests with line numbers; elements are matched by local name, so namespaces do not matter.</summary>
internal static class XmlManifest
{
    private static readonly XmlReaderSettings Settings = new() { DtdProcessing = DtdProcessing.Ignore };

    /// <summary>The root element, or null after a warning naming the line of the syntax error.</summary>
    public static XElement? LoadRoot(string content, ManifestResultBuilder result)
    {
        try
        {
            using var reader = XmlReader.Create(new StringReader(content), Settings);
            return XDocument.Load(reader, LoadOptions.SetLineInfo).Root;
        }
        catch (XmlException e)
        {
            // An empty document fails before any line is read: line 0.
            result.Warn(Math.Max(1, e.LineNumber), $"malformed XML: {e.Message}");
            return null;
        }
    }

    public static int LineOf(XObject node) => ((IXmlLineInfo)node).LineNumber;

    public static XElement? Child(XElement parent, string localName) =>
        parent.Elements().FirstOrDefault(child => child.Name.LocalName == localName);

    /// <summary>The trimmed text of a child element, or null when it is missing or empty.</summary>
    public static string? ChildText(XElement parent, string localName) =>
        Child(parent, localName)?.Value.Trim() is { Length: > 0 } text ? text : null;
}
