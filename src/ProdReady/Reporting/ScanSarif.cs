using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ProdReady.Model;

namespace ProdReady.Reporting;

/// <summary>
/// SARIF 2.1.0 for `scan`, shaped for GitHub code scanning: one rule per control, one result per control that is not
/// met (fail, partial) or is waived (as a suppressed result), each at the one repository file where to act on it
/// (<see cref="ControlResult.FixAt"/>), relative to the scanned folder.
/// </summary>
public static class ScanSarif
{
    /// <summary>The uriBaseId every location is relative to: the scanned folder.</summary>
    public const string SourceRoot = "SRCROOT";

    /// <summary>Keeps these alerts apart from code alerts and from `doc` results.</summary>
    public const string AutomationId = "prodready/scan/";

    /// <summary>The partialFingerprints key: control and file, so an alert keeps its identity when lines move.</summary>
    public const string FingerprintKey = "prodready/v1";

    public static string Render(Assessment assessment)
    {
        var ruleIndex = assessment.Results.Select((result, index) => (result.Control.Id, index)).ToDictionary(pair => pair.Id, pair => pair.index, StringComparer.Ordinal);
        return SarifLog.Write(
            assessment.ToolVersion,
            json =>
            {
                foreach (var result in assessment.Results)
                {
                    WriteRule(json, result.Control);
                }
            },
            json =>
            {
                json.WriteStartObject("automationDetails");
                json.WriteString("id", AutomationId);
                json.WriteEndObject();
                json.WriteStartObject("originalUriBaseIds");
                json.WriteStartObject(SourceRoot);
                SarifLog.WriteText(json, "description", $"The scanned folder ({assessment.Target}).");
                json.WriteEndObject();
                json.WriteEndObject();
                WriteInvocation(json, assessment);
                json.WriteStartArray("results");
                foreach (var result in assessment.Results.Where(IsReported))
                {
                    WriteResult(json, result, ruleIndex[result.Control.Id]);
                }
                json.WriteEndArray();
                json.WriteStartObject("properties");
                if (assessment.Scores.Overall.Value is double score)
                {
                    json.WriteNumber("score", score);
                }
                json.WriteString("level", assessment.Scores.Level.ToId());
                json.WriteString("levelReason", assessment.Scores.LevelReason);
                json.WriteEndObject();
            });
    }

    /// <summary>What code scanning shows: controls not met, and waived ones (suppressed, so their alerts close).</summary>
    private static bool IsReported(ControlResult result) => result.Status is ResultStatus.Fail or ResultStatus.Partial or ResultStatus.Waived;

    /// <summary>P0 and P1 block a launch or come right after: errors; P2 warnings; P3 notes.</summary>
    private static string Level(Priority priority) => priority switch
    {
        Priority.P0 or Priority.P1 => "error",
        Priority.P2 => "warning",
        _ => "note",
    };

    /// <summary>GitHub's security-severity (CVSS-like, 0.0-10.0) for security controls: critical, high, medium, low.</summary>
    private static string SecuritySeverity(Priority priority) => priority switch
    {
        Priority.P0 => "9.0",
        Priority.P1 => "7.5",
        Priority.P2 => "5.0",
        _ => "2.0",
    };

    private static void WriteRule(Utf8JsonWriter json, Control control)
    {
        json.WriteStartObject();
        json.WriteString("id", control.Id);
        json.WriteString("name", RuleName(control.Id));
        SarifLog.WriteText(json, "shortDescription", ReportText.Sentence(control.Title));
        SarifLog.WriteText(json, "fullDescription", ReportText.Sentence(OneLine(control.Rationale)));
        json.WriteStartObject("help");
        var remediation = control.Remediation.Trim();
        json.WriteString("text", control.References.Count == 0 ? remediation : $"{remediation}\n\nReferences:\n{string.Join("\n", control.References)}");
        json.WriteString("markdown", control.References.Count == 0 ? remediation : $"{remediation}\n\n**References**\n\n{string.Join("\n", control.References.Select(reference => $"- <{reference}>"))}");
        json.WriteEndObject();
        if (control.References.Count > 0)
        {
            json.WriteString("helpUri", control.References[0]);
        }
        json.WriteStartObject("defaultConfiguration");
        json.WriteString("level", Level(control.Priority));
        json.WriteEndObject();
        json.WriteStartObject("properties");
        json.WriteString("category", control.Category);
        json.WriteString("priority", control.Priority.ToString());
        json.WriteStartArray("tags");
        json.WriteStringValue("production-readiness");
        json.WriteStringValue(control.Category);
        json.WriteEndArray();
        if (control.Category == Category.Security)
        {
            json.WriteString("security-severity", SecuritySeverity(control.Priority));
        }
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteInvocation(Utf8JsonWriter json, Assessment assessment)
    {
        json.WriteStartArray("invocations");
        json.WriteStartObject();
        json.WriteBoolean("executionSuccessful", true);
        json.WriteString("startTimeUtc", Utc(assessment.Time));
        json.WriteString("endTimeUtc", Utc(assessment.Time + assessment.Statistics.Elapsed));
        // Input problems the scan met and went past: a malformed manifest, an unreadable file.
        json.WriteStartArray("toolExecutionNotifications");
        foreach (var diagnostic in assessment.Diagnostics)
        {
            json.WriteStartObject();
            json.WriteString("level", diagnostic.Severity switch { DiagnosticSeverity.Error => "error", DiagnosticSeverity.Warning => "warning", _ => "note" });
            SarifLog.WriteText(json, "message", ReportText.Sentence(diagnostic.Message));
            json.WriteStartArray("locations");
            json.WriteStartObject();
            SarifLog.WritePhysicalLocation(json, diagnostic.File, diagnostic.Line > 0 ? diagnostic.Line : null, SourceRoot);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
    }

    private static void WriteResult(Utf8JsonWriter json, ControlResult result, int ruleIndex)
    {
        var control = result.Control;
        var place = ReportText.Place(result);
        json.WriteStartObject();
        json.WriteString("ruleId", control.Id);
        json.WriteNumber("ruleIndex", ruleIndex);
        json.WriteString("level", Level(control.Priority));
        SarifLog.WriteText(json, "message", Message(result));
        json.WriteStartArray("locations");
        json.WriteStartObject();
        // Code scanning needs a line: a fix that belongs in the file as a whole is shown at its top.
        SarifLog.WritePhysicalLocation(json, place.File, Math.Max(1, place.Line), SourceRoot);
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteStartObject("partialFingerprints");
        json.WriteString(FingerprintKey, Fingerprint(control.Id, place.File));
        json.WriteEndObject();
        if (result.Status == ResultStatus.Waived)
        {
            json.WriteStartArray("suppressions");
            json.WriteStartObject();
            json.WriteString("kind", "external");
            json.WriteString("status", "accepted");
            json.WriteString("justification", result.Reason);
            json.WriteEndObject();
            json.WriteEndArray();
        }
        json.WriteStartObject("properties");
        json.WriteString("status", result.Status.ToId());
        if (result.ScannedStatus is { } scanned)
        {
            json.WriteString("scannedStatus", scanned.ToId());
        }
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>"Title: why (seen live at URL). To fix: what to do."</summary>
    private static string Message(ControlResult result)
    {
        var live = result.Evidence.FirstOrDefault(e => e is { Source: EvidenceSource.Live, Supports: false, Url: not null });
        var seen = live is null ? "" : $" (seen live at {live.Url})";
        return $"{result.Control.Title}: {ReportText.Sentence(ReportText.Why(result) + seen)} To fix: {ReportText.Sentence(OneLine(result.Control.Remediation))}";
    }

    /// <summary>"sec.container-non-root" → "ContainerNonRoot": the identifier-like name SARIF expects beside the id.</summary>
    private static string RuleName(string id)
    {
        var name = id[(id.IndexOf('.') + 1)..];
        return string.Concat(name.Split('-', '.', '_').Where(word => word.Length > 0).Select(word => char.ToUpperInvariant(word[0]) + word[1..]));
    }

    private static string Fingerprint(string controlId, string file) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(controlId + "\n" + file)));

    private static string OneLine(string text) => string.Join(' ', text.Split((char[])['\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static string Utc(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
}
