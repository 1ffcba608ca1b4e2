using System.Globalization;
using System.Text.Json;
using ProdReady.Model;

namespace ProdReady.History;

/// <summary>
/// Reads the assessment JSON that `prodready scan --format json` writes (docs/json-schema.md) into a
/// <see cref="ScanSnapshot"/>. A file that is not JSON, not an assessment or from a newer major version is a
/// <see cref="HistoryException"/> naming the file and the field.
/// </summary>
public static class AssessmentFile
{
    /// <summary>The major version of docs/json-schema.md this reader understands.</summary>
    public const int SupportedMajorVersion = 1;

    public static ScanSnapshot Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception unreadable) when (unreadable is IOException or UnauthorizedAccessException)
        {
            throw new HistoryException(path, $"cannot read the file: {unreadable.Message}", unreadable);
        }
        return Parse(text, path);
    }

    /// <summary>The snapshot in <paramref name="json"/>; <paramref name="file"/> names it in messages and labels.</summary>
    public static ScanSnapshot Parse(string json, string file)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException malformed)
        {
            var problem = $"not valid JSON (line {(malformed.LineNumber ?? 0) + 1}); expected the output of `prodready scan --format json`";
            throw new HistoryException(file, problem, malformed) { Field = "$", Detail = problem };
        }
        using (document)
        {
            return new Reader(file).Snapshot(document.RootElement);
        }
    }

    private sealed class Reader(string file)
    {
        public ScanSnapshot Snapshot(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("schemaVersion", out var version) || version.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("tool", out var tool) || tool.ValueKind != JsonValueKind.Object
                || !tool.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String || name.GetString() != "prodready")
            {
                throw Problem("$", "not a prodready assessment (no schemaVersion and tool.name \"prodready\"); expected the output of `prodready scan --format json`");
            }
            var major = version.GetString()!.Split('.')[0];
            if (!int.TryParse(major, NumberStyles.None, CultureInfo.InvariantCulture, out var majorVersion) || majorVersion != SupportedMajorVersion)
            {
                throw Problem("$", $"assessment schema version {version.GetString()} is not one this prodready reads ({SupportedMajorVersion}.x); use the prodready that wrote it");
            }
            var scores = Property(root, "scores", JsonValueKind.Object, "scores");
            var time = Text(root, "time", "time");
            if (!DateTimeOffset.TryParse(time, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsedTime))
            {
                throw Problem("time", $"'{time}' is not an ISO 8601 time");
            }
            return new ScanSnapshot
            {
                Label = file,
                Time = parsedTime,
                Commit = OptionalText(root, "commit", "commit"),
                Branch = OptionalText(root, "branch", "branch"),
                Overall = Value(Property(scores, "overall", JsonValueKind.Object, "scores.overall"), "scores.overall"),
                Level = Parse(Text(scores, "level", "scores.level"), Ids.Level, "scores.level"),
                Categories = Categories(Items(scores, "categories", "scores.categories")),
                Controls = Controls(Items(root, "results", "results")),
            };
        }

        private List<CategorySnapshot> Categories(IEnumerable<JsonElement> categories)
        {
            var read = new List<CategorySnapshot>();
            foreach (var (category, index) in categories.Select((category, index) => (category, index)))
            {
                var at = $"scores.categories[{index}]";
                var name = Text(category, "name", at + ".name");
                if (read.FindIndex(earlier => earlier.Name == name) is var earlier and >= 0)
                {
                    throw Problem(at + ".name", $"'{name}' appears twice (also scores.categories[{earlier}])");
                }
                read.Add(new CategorySnapshot(name, Value(category, at)));
            }
            return read;
        }

        private Dictionary<string, ControlSnapshot> Controls(IEnumerable<JsonElement> results)
        {
            var controls = new Dictionary<string, ControlSnapshot>(StringComparer.Ordinal);
            var seen = new Dictionary<string, string>(StringComparer.Ordinal);
            var index = 0;
            foreach (var result in results)
            {
                var at = $"results[{index++}]";
                var id = Text(result, "id", at + ".id");
                if (!seen.TryAdd(id, at))
                {
                    throw Problem(at + ".id", $"'{id}' appears twice (also {seen[id]})");
                }
                controls[id] = new ControlSnapshot(
                    id,
                    Text(result, "title", at + ".title"),
                    Text(result, "category", at + ".category"),
                    Parse(Text(result, "priority", at + ".priority"), Ids.Priority, at + ".priority"),
                    Parse(Text(result, "status", at + ".status"), Ids.Status, at + ".status"));
            }
            return controls;
        }

        private double? Value(JsonElement score, string at)
        {
            var value = Property(score, "value", JsonValueKind.Undefined, at + ".value");
            return value.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.Number => value.GetDouble(),
                _ => throw Problem($"{at}.value", "expected a number or null"),
            };
        }

        private IEnumerable<JsonElement> Items(JsonElement parent, string name, string at) =>
            Property(parent, name, JsonValueKind.Array, at).EnumerateArray().Select(item =>
                item.ValueKind == JsonValueKind.Object ? item : throw Problem(at, "every item must be an object"));

        private string Text(JsonElement parent, string name, string at) => Checked(Property(parent, name, JsonValueKind.String, at).GetString()!, at);

        private string? OptionalText(JsonElement parent, string name, string at)
        {
            if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }
            return value.ValueKind == JsonValueKind.String ? Checked(value.GetString()!, at) : throw Problem(at, "expected a string or null");
        }

        /// <summary>No NUL character (written \u0000 in JSON): no tool writes one, and PostgreSQL text cannot hold it.</summary>
        private string Checked(string text, string at) => text.Contains('\0', StringComparison.Ordinal) ? throw Problem(at, "contains a NUL character (\\u0000)") : text;

        /// <summary>The property, which must have the given kind (<see cref="JsonValueKind.Undefined"/>: any kind).</summary>
        private JsonElement Property(JsonElement parent, string name, JsonValueKind kind, string at)
        {
            if (!parent.TryGetProperty(name, out var value))
            {
                throw Problem(at, "missing");
            }
            if (kind != JsonValueKind.Undefined && value.ValueKind != kind)
            {
                throw Problem(at, $"expected {Describe(kind)}, found {Describe(value.ValueKind)}");
            }
            return value;
        }

        private T Parse<T>(string id, Func<string, T?> parse, string at) where T : struct =>
            parse(id) ?? throw Problem(at, $"unknown value '{id}'");

        /// <summary>A problem with the field at <paramref name="field"/> (a JSON path such as results[3].status, or $ for the whole document).</summary>
        private HistoryException Problem(string field, string message) => new(file, field == "$" ? message : $"{field}: {message}") { Field = field, Detail = message };

        private static string Describe(JsonValueKind kind) => kind switch
        {
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "an array",
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            _ => "null",
        };
    }
}
