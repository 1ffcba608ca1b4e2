using System.Globalization;
using System.Text;
using System.Text.Json;
using ProdReady.Documents;

namespace ProdReady.Reporting;

/// <summary>`doc import` output: the items as versioned JSON, or a documented prodready.yml fragment of attestations.</summary>
public static class DocumentImportRender
{
    public static string Json(ReadinessDocument document, IReadOnlyList<ImportedItem> items)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("schemaVersion", DocumentLintJson.SchemaVersion);
            json.WriteString("document", document.Path);
            json.WriteStartArray("items");
            foreach (var item in items)
            {
                Write(json, item);
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Write(Utf8JsonWriter json, ImportedItem imported)
    {
        var item = imported.Item;
        json.WriteStartObject();
        json.WriteString("key", imported.Key);
        json.WriteString("id", item.Id);
        json.WriteString("title", item.Title);
        json.WriteString("status", item.Status.ToId());
        json.WriteString("priority", item.Priority?.ToString());
        json.WriteString("section", item.Category);
        json.WriteString("owner", item.Owner);
        json.WriteString("target", item.Target?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        json.WriteNumber("line", item.Line);
        json.WriteString("control", imported.ControlId);
        json.WriteStartArray("citedPaths");
        foreach (var path in item.CitedPaths)
        {
            json.WriteStringValue(path);
        }
        json.WriteEndArray();
        json.WriteStartArray("children");
        foreach (var child in imported.Children)
        {
            Write(json, child);
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>
    /// The attestation fragment: one entry per item no control covers, with the document's status and date and
    /// empty fields for who confirmed it and where the proof is. Values are quoted so any title stays valid YAML.
    /// </summary>
    public static string Attestations(ReadinessDocument document, IEnumerable<ImportedItem> unverifiable)
    {
        var date = document.LastUpdated?.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var text = new StringBuilder();
        text.AppendLine($"# prodready.yml fragment imported from {document.Path} by `prodready doc import`.");
        text.AppendLine("# These items match no control, so only a person can confirm them: fill in `by` and `evidence`,");
        text.AppendLine("# review the status, and paste the block into prodready.yml (see docs/document-import.md).");
        text.AppendLine("attestations:");
        foreach (var imported in unverifiable)
        {
            var item = imported.Item;
            text.AppendLine($"  - id: {imported.Key}  # line {item.Line}");
            text.AppendLine($"    title: {Quote(item.Title)}");
            text.AppendLine($"    status: {item.Status.ToId()}");
            text.AppendLine($"    by: \"\"");
            text.AppendLine($"    date: {(date is null ? "\"\"" : date)}");
            text.AppendLine($"    evidence: \"\"");
        }
        return text.ToString();
    }

    private static string Quote(string text) => JsonSerializer.Serialize(text, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
