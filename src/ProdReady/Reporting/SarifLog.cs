using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ProdReady.Reporting;

/// <summary>The parts every SARIF 2.1.0 log ProdReady writes shares: the envelope, the tool, a file location.</summary>
internal static class SarifLog
{
    /// <summary>The project's home page, named by every log as the tool's informationUri.</summary>
    public const string ProjectUri = "https://github.com/prodready/prodready";

    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A log with one run: <paramref name="writeRun"/> writes the run's properties after the tool.</summary>
    public static string Write(string toolVersion, Action<Utf8JsonWriter> writeRules, Action<Utf8JsonWriter> writeRun)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, Options))
        {
            json.WriteStartObject();
            json.WriteString("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
            json.WriteString("version", "2.1.0");
            json.WriteStartArray("runs");
            json.WriteStartObject();
            json.WriteStartObject("tool");
            json.WriteStartObject("driver");
            json.WriteString("name", "ProdReady");
            json.WriteString("version", toolVersion);
            json.WriteString("semanticVersion", toolVersion);
            json.WriteString("informationUri", ProjectUri);
            json.WriteStartArray("rules");
            writeRules(json);
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
            writeRun(json);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>`{"text": ...}`, the shape of every SARIF message and description.</summary>
    public static void WriteText(Utf8JsonWriter json, string name, string text)
    {
        json.WriteStartObject(name);
        json.WriteString("text", text);
        json.WriteEndObject();
    }

    /// <summary>A physicalLocation: the file, relative to <paramref name="uriBaseId"/> when given, and its line when known.</summary>
    public static void WritePhysicalLocation(Utf8JsonWriter json, string uri, int? line, string? uriBaseId = null)
    {
        json.WriteStartObject("physicalLocation");
        json.WriteStartObject("artifactLocation");
        json.WriteString("uri", uri);
        if (uriBaseId is not null)
        {
            json.WriteString("uriBaseId", uriBaseId);
        }
        json.WriteEndObject();
        if (line is int startLine)
        {
            json.WriteStartObject("region");
            json.WriteNumber("startLine", startLine);
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }
}
