using System.Text;
using System.Text.Json;
using ProdReady.Documents;

namespace ProdReady.Reporting;

/// <summary>`doc lint --format json`: the findings and what was read, versioned like the scan document.</summary>
public static class DocumentLintJson
{
    public const string SchemaVersion = "1.0";

    public static string Render(ReadinessDocument document, IReadOnlyList<DocumentFinding> findings)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("schemaVersion", SchemaVersion);
            json.WriteString("document", document.Path);
            if (document.LastUpdated is { } updated)
            {
                json.WriteString("lastUpdated", updated.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            }
            json.WriteNumber("items", document.AllItems().Count());
            json.WriteStartArray("findings");
            foreach (var finding in findings)
            {
                json.WriteStartObject();
                json.WriteString("id", finding.Id);
                json.WriteString("severity", finding.Severity.ToString().ToLowerInvariant());
                json.WriteNumber("line", finding.Line);
                json.WriteString("message", finding.Message);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
