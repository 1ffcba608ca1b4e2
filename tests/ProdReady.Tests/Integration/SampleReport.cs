using System.Text.Json;

namespace ProdReady.Tests.Integration;

/// <summary>Reads the JSON of `prodready probe` and `prodready scan --probe` into lines a test can compare whole.</summary>
public static class SampleReport
{
    /// <summary>"id verdict: message" for each finding id asked for, in that order.</summary>
    public static string[] Findings(JsonDocument probe, params string[] ids) =>
        [.. ids.Select(id => Finding(probe, id)).Select(f => $"{f.GetProperty("probe").GetString()} {f.GetProperty("verdict").GetString()}: {f.GetProperty("message").GetString()}")];

    /// <summary>"id verdict" for every finding with each id asked for (an id may repeat: one per path), in that order.</summary>
    public static string[] Verdicts(JsonDocument probe, params string[] ids) =>
        [.. ids.SelectMany(id => probe.RootElement.GetProperty("findings").EnumerateArray().Where(f => f.GetProperty("probe").GetString() == id)
            .Select(f => $"{id} {f.GetProperty("verdict").GetString()}"))];

    public static JsonElement Finding(JsonDocument probe, string id) =>
        Assert.Single(probe.RootElement.GetProperty("findings").EnumerateArray(), f => f.GetProperty("probe").GetString() == id);

    /// <summary>"GET url status" of a finding's first request.</summary>
    public static string FirstRequest(JsonDocument probe, string id)
    {
        var request = Finding(probe, id).GetProperty("requests")[0];
        return $"{request.GetProperty("method").GetString()} {request.GetProperty("url").GetString()} {request.GetProperty("status").GetInt32()}";
    }

    /// <summary>
    /// "control status: +finding -finding" for each control asked for: its combined status, then the live findings
    /// that support (+) or refute (-) it; just "control status" when no conclusive finding spoke for it.
    /// </summary>
    public static string[] Controls(JsonDocument scan, params string[] ids) => [.. ids.Select(id =>
    {
        var result = Result(scan, id);
        var live = result.GetProperty("evidence").EnumerateArray()
            .Where(e => e.GetProperty("source").GetString() == "live")
            .Select(e => (e.GetProperty("supports").GetBoolean() ? "+" : "-") + e.GetProperty("detector").GetString()!["probe:".Length..])
            .ToList();
        return $"{id} {result.GetProperty("status").GetString()}{(live.Count == 0 ? "" : ": " + string.Join(' ', live))}";
    })];

    public static JsonElement Result(JsonDocument scan, string id) =>
        Assert.Single(scan.RootElement.GetProperty("results").EnumerateArray(), r => r.GetProperty("id").GetString() == id);
}
