using System.Globalization;
using System.Text;
using System.Text.Json;
using ProdReady.Probing;

namespace ProdReady.Reporting;

/// <summary>`probe --format json`: every finding with the exact requests and the response evidence, versioned.</summary>
public static class ProbeJson
{
    public const string SchemaVersion = "1.0";

    public static string Render(ProbeReport report)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("schemaVersion", SchemaVersion);
            json.WriteString("target", report.Target.ToString());
            json.WriteNumber("requestsSent", report.RequestsSent);
            WriteOptional(json, "stoppedBecause", report.StoppedBecause);
            json.WriteStartArray("findings");
            foreach (var finding in report.Findings)
            {
                json.WriteStartObject();
                json.WriteString("probe", finding.ProbeId);
                json.WriteString("verdict", finding.Verdict.ToString().ToLowerInvariant());
                json.WriteStartArray("controls");
                foreach (var control in finding.Controls)
                {
                    json.WriteStringValue(control);
                }
                json.WriteEndArray();
                json.WriteString("message", finding.Message);
                WriteOptional(json, "excerpt", finding.Excerpt);
                json.WriteStartArray("requests");
                foreach (var exchange in finding.Exchanges)
                {
                    Exchange(json, exchange);
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            if (report.HeadersGrade is { } grade)
            {
                WriteHeadersGrade(json, grade);
            }
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Also the `live.headersGrade` of the assessment JSON, so both documents say it the same way.</summary>
    internal static void WriteHeadersGrade(Utf8JsonWriter json, HeadersGrade grade)
    {
        json.WriteStartObject("headersGrade");
        json.WriteNumber("score", grade.Score);
        json.WriteString("grade", grade.Grade);
        json.WriteStartArray("modifiers");
        foreach (var modifier in grade.Modifiers)
        {
            json.WriteStartObject();
            json.WriteString("test", modifier.Test);
            json.WriteNumber("points", modifier.Points);
            json.WriteBoolean("counted", modifier.Counted);
            json.WriteBoolean("graded", modifier.Graded);
            json.WriteString("reason", modifier.Reason);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void Exchange(Utf8JsonWriter json, ProbeExchange exchange)
    {
        json.WriteStartObject();
        json.WriteString("method", exchange.Method);
        json.WriteString("url", exchange.Url.ToString());
        if (exchange.RequestHeaders.Count > 0)
        {
            json.WriteStartObject("headers");
            foreach (var (name, value) in exchange.RequestHeaders)
            {
                json.WriteString(name, value);
            }
            json.WriteEndObject();
        }
        WriteOptional(json, "body", exchange.RequestBody);
        if (exchange.StatusCode is { } status)
        {
            json.WriteNumber("status", status);
        }
        WriteOptional(json, "error", exchange.Error);
        json.WriteNumber("ms", Math.Round(exchange.Elapsed.TotalMilliseconds, 1));
        json.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }
}
