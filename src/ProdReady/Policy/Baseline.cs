using System.Text;
using System.Text.Json;
using ProdReady.Model;

namespace ProdReady.Policy;

/// <summary>
/// What a repository was when it adopted the gate: each control's status and the scores. With a baseline the gate
/// fails only on what got worse, so an existing service can adopt it today and ratchet up. Written sorted and
/// without a timestamp, so that committing it gives readable diffs.
/// </summary>
public sealed record Baseline
{
    public const string DefaultPath = ".prodready/baseline.json";
    private const string SchemaVersion = "1.0";

    public string? Commit { get; init; }
    public double? Overall { get; init; }
    public required ReadinessLevel Level { get; init; }
    public IReadOnlyDictionary<string, double?> Categories { get; init; } = new Dictionary<string, double?>();
    public required IReadOnlyDictionary<string, ResultStatus> Controls { get; init; }

    public static Baseline From(Assessment assessment) => new()
    {
        Commit = assessment.Commit,
        Overall = assessment.Scores.Overall.Value,
        Level = assessment.Scores.Level,
        Categories = assessment.Scores.Categories.ToDictionary(score => score.Name, score => score.Value, StringComparer.Ordinal),
        Controls = assessment.Results.ToDictionary(result => result.Control.Id, result => result.Status, StringComparer.Ordinal),
    };

    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("schemaVersion", SchemaVersion);
            json.WriteString("kind", "prodready-baseline");
            json.WriteString("commit", Commit);
            WriteNumber(json, "overall", Overall);
            json.WriteString("level", Level.ToId());
            json.WriteStartObject("categories");
            foreach (var (name, value) in Categories.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            {
                WriteNumber(json, name, value);
            }
            json.WriteEndObject();
            json.WriteStartObject("controls");
            foreach (var (id, status) in Controls.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            {
                json.WriteString(id, status.ToId());
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>Reads a baseline; a file that is not one gives a message naming it, never an exception.</summary>
    public static (Baseline? Baseline, string? Error) Parse(string text, string file)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("kind", out var kind) || kind.GetString() != "prodready-baseline")
            {
                return (null, $"{file}: not a ProdReady baseline (no \"kind\": \"prodready-baseline\"); write one with `prodready gate --update-baseline`");
            }
            var controls = new Dictionary<string, ResultStatus>(StringComparer.Ordinal);
            foreach (var control in root.GetProperty("controls").EnumerateObject())
            {
                controls[control.Name] = Ids.Status(control.Value.GetString()) ?? throw new FormatException($"control {control.Name} has unknown status '{control.Value}'");
            }
            return (new Baseline
            {
                Commit = root.TryGetProperty("commit", out var commit) ? commit.GetString() : null,
                Overall = NumberOf(root.GetProperty("overall")),
                Level = Ids.Level(root.GetProperty("level").GetString()) ?? throw new FormatException($"unknown level '{root.GetProperty("level")}'"),
                Categories = root.GetProperty("categories").EnumerateObject().ToDictionary(category => category.Name, category => NumberOf(category.Value), StringComparer.Ordinal),
                Controls = controls,
            }, null);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            var where = e is JsonException { LineNumber: long line } ? $":{line + 1}" : "";
            // System.Text.Json appends " LineNumber: … | BytePositionInLine: …", which the prefix already says.
            var why = e.Message.Split(" LineNumber:", 2)[0].Split(" Path:", 2)[0];
            return (null, $"{file}{where}: not a valid ProdReady baseline: {why}");
        }
    }

    private static double? NumberOf(JsonElement element) => element.ValueKind == JsonValueKind.Null ? null : element.GetDouble();

    private static void WriteNumber(Utf8JsonWriter json, string name, double? value)
    {
        if (value is double number)
        {
            json.WriteNumber(name, Math.Round(number, 1));
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
