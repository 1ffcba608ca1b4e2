using System.Text.Encodings.Web;
using System.Text.Json;
using ProdReady.Model;

namespace ProdReady.Reporting;

/// <summary>
/// The versioned JSON document (docs/json-schema.md). Written field by field so the shape is explicit
/// and stable: renaming a C# property can never silently change the contract.
/// </summary>
public static class JsonReport
{
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(Assessment assessment, Stream output)
    {
        using var json = new Utf8JsonWriter(output, Options);
        json.WriteStartObject();
        json.WriteString("schemaVersion", Assessment.CurrentSchemaVersion);
        json.WriteStartObject("tool");
        json.WriteString("name", "prodready");
        json.WriteString("version", assessment.ToolVersion);
        json.WriteEndObject();
        json.WriteString("target", assessment.Target);
        WriteNullable(json, "commit", assessment.Commit);
        WriteNullable(json, "branch", assessment.Branch);
        json.WriteString("time", assessment.Time.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture));
        json.WriteStartObject("service");
        WriteNullable(json, "name", assessment.Service.Name);
        WriteNullable(json, "owner", assessment.Service.Owner);
        json.WriteString("tier", assessment.Service.Tier.ToId());
        WriteNullable(json, "kind", assessment.Service.Kind);
        json.WriteEndObject();
        WriteStack(json, assessment.Stack);
        WriteScores(json, assessment.Scores);
        json.WriteStartArray("results");
        foreach (var result in assessment.Results)
        {
            WriteResult(json, result);
        }
        json.WriteEndArray();
        json.WriteStartArray("diagnostics");
        foreach (var diagnostic in assessment.Diagnostics)
        {
            json.WriteStartObject();
            json.WriteString("severity", diagnostic.Severity.ToString().ToLowerInvariant());
            json.WriteString("file", diagnostic.File);
            json.WriteNumber("line", diagnostic.Line);
            json.WriteString("message", diagnostic.Message);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        WriteStatistics(json, assessment.Statistics);
        WriteLive(json, assessment.Live);
        json.WriteEndObject();
    }

    private static void WriteLive(Utf8JsonWriter json, LiveTarget? live)
    {
        if (live is null)
        {
            json.WriteNull("live");
            return;
        }
        json.WriteStartObject("live");
        json.WriteString("url", live.Url);
        json.WriteNumber("requestsSent", live.RequestsSent);
        WriteNullable(json, "stoppedBecause", live.StoppedBecause);
        if (live.HeadersGrade is { } grade)
        {
            ProbeJson.WriteHeadersGrade(json, grade);
        }
        json.WriteEndObject();
    }

    public static string ToJson(Assessment assessment)
    {
        using var buffer = new MemoryStream();
        Write(assessment, buffer);
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteStack(Utf8JsonWriter json, DetectedStack stack)
    {
        json.WriteStartObject("stack");
        WriteStrings(json, "ecosystems", stack.Ecosystems);
        json.WriteStartObject("languages");
        foreach (var (language, count) in stack.Languages)
        {
            json.WriteNumber(language, count);
        }
        json.WriteEndObject();
        WriteStrings(json, "frameworks", stack.Frameworks);
        WriteStrings(json, "kinds", stack.Kinds);
        WriteStrings(json, "features", stack.Features);
        WriteStrings(json, "deployTargets", stack.DeployTargets);
        json.WriteEndObject();
    }

    private static void WriteScores(Utf8JsonWriter json, ScoreCard scores)
    {
        json.WriteStartObject("scores");
        json.WriteString("level", scores.Level.ToId());
        json.WriteString("levelReason", scores.LevelReason);
        json.WriteStartObject("weights");
        foreach (var (priority, weight) in scores.Weights.OrderBy(pair => pair.Key))
        {
            json.WriteNumber(priority.ToString(), weight);
        }
        json.WriteEndObject();
        json.WritePropertyName("overall");
        WriteScore(json, scores.Overall);
        json.WriteStartArray("categories");
        foreach (var category in scores.Categories)
        {
            WriteScore(json, category);
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteScore(Utf8JsonWriter json, Score score)
    {
        json.WriteStartObject();
        json.WriteString("name", score.Name);
        if (score.Value is double value)
        {
            json.WriteNumber("value", value);
        }
        else
        {
            json.WriteNull("value");
        }
        json.WriteNumber("earned", score.Earned);
        json.WriteNumber("possible", score.Possible);
        json.WriteStartObject("counts");
        foreach (var (status, count) in score.Counts)
        {
            json.WriteNumber(status.ToId(), count);
        }
        json.WriteEndObject();
        json.WriteStartArray("terms");
        foreach (var term in score.Terms)
        {
            json.WriteStartObject();
            json.WriteString("control", term.ControlId);
            json.WriteString("priority", term.Priority.ToString());
            json.WriteNumber("weight", term.Weight);
            json.WriteNumber("credit", term.Credit);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter json, ControlResult result)
    {
        var control = result.Control;
        json.WriteStartObject();
        json.WriteString("id", control.Id);
        json.WriteString("title", control.Title);
        json.WriteString("category", control.Category);
        json.WriteString("priority", control.Priority.ToString());
        json.WriteString("status", result.Status.ToId());
        WriteNullable(json, "scannedStatus", result.ScannedStatus?.ToId());
        json.WriteString("reason", result.Reason);
        WriteStrings(json, "lookedFor", result.LookedFor);
        json.WriteStartArray("evidence");
        foreach (var evidence in result.Evidence)
        {
            json.WriteStartObject();
            json.WriteString("source", evidence.Source.ToString().ToLowerInvariant());
            json.WriteString("detector", evidence.Detector);
            json.WriteBoolean("supports", evidence.Supports);
            WriteNullable(json, "file", evidence.File);
            WriteLine(json, evidence.Line);
            WriteNullable(json, "excerpt", evidence.Excerpt);
            WriteNullable(json, "url", evidence.Url);
            WriteNullable(json, "expires", evidence.Expires is { } expires ? Ids.Day(expires) : null);
            json.WriteString("message", evidence.Message);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        if (result.FixAt is { } fixAt)
        {
            json.WriteStartObject("fixAt");
            json.WriteString("file", fixAt.File);
            WriteLine(json, fixAt.Line > 0 ? fixAt.Line : null);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("fixAt");
        }
        json.WriteString("remediation", control.Remediation);
        WriteStrings(json, "references", control.References);
        json.WriteString("rule", control.Origin.ToString());
        json.WriteEndObject();
    }

    private static void WriteStatistics(Utf8JsonWriter json, ScanStatistics statistics)
    {
        json.WriteStartObject("statistics");
        json.WriteNumber("filesSeen", statistics.FilesSeen);
        json.WriteNumber("filesRead", statistics.FilesRead);
        json.WriteNumber("bytesRead", statistics.BytesRead);
        json.WriteNumber("skippedTooLarge", statistics.SkippedTooLarge);
        json.WriteNumber("skippedBinary", statistics.SkippedBinary);
        json.WriteNumber("skippedIgnored", statistics.SkippedIgnored);
        json.WriteNumber("elapsedMs", Math.Round(statistics.Elapsed.TotalMilliseconds));
        json.WriteEndObject();
    }

    private static void WriteLine(Utf8JsonWriter json, int? line)
    {
        if (line is int value)
        {
            json.WriteNumber("line", value);
        }
        else
        {
            json.WriteNull("line");
        }
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }
        json.WriteEndArray();
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }
}
