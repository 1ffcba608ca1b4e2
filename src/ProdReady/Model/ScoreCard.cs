using System.Text.Json.Serialization;

namespace ProdReady.Model;

[JsonConverter(typeof(JsonStringEnumConverter<ReadinessLevel>))]
public enum ReadinessLevel
{
    [JsonStringEnumMemberName("not-ready")] NotReady,
    [JsonStringEnumMemberName("developing")] Developing,
    [JsonStringEnumMemberName("ready")] Ready,
    [JsonStringEnumMemberName("hardened")] Hardened,
}

/// <summary>A score for one category, or overall, with the sums it came from.</summary>
public sealed record Score
{
    public required string Name { get; init; }

    /// <summary>0-100, rounded to one decimal; null when nothing applicable was assessed.</summary>
    public double? Value { get; init; }

    public required double Earned { get; init; }
    public required double Possible { get; init; }
    public required IReadOnlyDictionary<ResultStatus, int> Counts { get; init; }
}

public sealed record ScoreCard
{
    public required Score Overall { get; init; }
    public required IReadOnlyList<Score> Categories { get; init; }
    public required ReadinessLevel Level { get; init; }

    /// <summary>Why the level is what it is ("P0 control sec.api-auth fails").</summary>
    public required string LevelReason { get; init; }

    public required IReadOnlyDictionary<Priority, double> Weights { get; init; }
}
