using System.Globalization;
using System.Text.Json;
using ProdReady.Model;

namespace ProdReady.Server.Dashboard;

/// <summary>One piece of evidence as the assessment JSON has it; <see cref="Place"/> is file:line, the URL, or null.</summary>
internal sealed record StoredEvidence(bool Supports, string Detector, string? Place, string Message, string? Excerpt);

/// <summary>One control's result as the assessment JSON has it, with what the dashboard shows of it.</summary>
internal sealed record StoredResult(
    string Id, string Title, string Category, Priority Priority, ResultStatus Status, string Reason, string Remediation, string? FixAt, IReadOnlyList<StoredEvidence> Evidence);

/// <summary>
/// Reads the results of a stored assessment document (docs/json-schema.md) for the service and control pages.
/// The store accepted the document (<see cref="History.AssessmentFile"/> checked ids, priorities and statuses);
/// the optional parts are read leniently, a missing or odd field shown as absent.
/// </summary>
internal static class StoredResults
{
    public static IReadOnlyList<StoredResult> Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        if (!document.RootElement.TryGetProperty("results", out var results) || results.ValueKind != JsonValueKind.Array)
        {
            return [];
        }
        return [.. results.EnumerateArray().Where(result => result.ValueKind == JsonValueKind.Object).Select(Result)];
    }

    private static StoredResult Result(JsonElement result) => new(
        Text(result, "id") ?? "",
        Text(result, "title") ?? "",
        Text(result, "category") ?? "",
        Ids.Priority(Text(result, "priority") ?? "") ?? Priority.P3,
        Ids.Status(Text(result, "status")) ?? ResultStatus.Unknown,
        Text(result, "reason") ?? "",
        Text(result, "remediation") ?? "",
        result.TryGetProperty("fixAt", out var fixAt) && fixAt.ValueKind == JsonValueKind.Object ? Place(fixAt) : null,
        result.TryGetProperty("evidence", out var evidence) && evidence.ValueKind == JsonValueKind.Array
            ? [.. evidence.EnumerateArray().Where(item => item.ValueKind == JsonValueKind.Object).Select(Evidence)]
            : []);

    private static StoredEvidence Evidence(JsonElement evidence) => new(
        evidence.TryGetProperty("supports", out var supports) && supports.ValueKind == JsonValueKind.True,
        Text(evidence, "detector") ?? "",
        Place(evidence) ?? Text(evidence, "url"),
        Text(evidence, "message") ?? "",
        Text(evidence, "excerpt"));

    /// <summary>"file:line", or the file alone when the line is null or 0; null without a file.</summary>
    private static string? Place(JsonElement element) => Text(element, "file") is { } file
        ? element.TryGetProperty("line", out var line) && line.ValueKind == JsonValueKind.Number && line.TryGetInt32(out var number) && number > 0
            ? file + ":" + number.ToString(CultureInfo.InvariantCulture)
            : file
        : null;

    private static string? Text(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
