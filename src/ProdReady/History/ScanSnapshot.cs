using ProdReady.Model;

namespace ProdReady.History;

/// <summary>
/// What history and diff need from one scan: when, which commit, the scores and each control's status. Built from
/// a stored scan (<see cref="HistoryStore"/>), an assessment JSON file (<see cref="AssessmentFile"/>) or an
/// assessment in memory.
/// </summary>
public sealed record ScanSnapshot
{
    /// <summary>The scan's id in the history store; null for a snapshot read from a JSON file.</summary>
    public long? Id { get; init; }

    /// <summary>How to name it to a person: "scan 12" or the JSON file's path.</summary>
    public required string Label { get; init; }

    public required DateTimeOffset Time { get; init; }
    public string? Commit { get; init; }
    public string? Branch { get; init; }
    public required double? Overall { get; init; }
    public required ReadinessLevel Level { get; init; }

    /// <summary>Category scores in reporting order.</summary>
    public required IReadOnlyList<CategorySnapshot> Categories { get; init; }

    /// <summary>Every control's verdict, by control id.</summary>
    public required IReadOnlyDictionary<string, ControlSnapshot> Controls { get; init; }

    /// <summary>The first 7 hex digits of the commit, as git shows it; "" when the scan was not in git.</summary>
    public string ShortCommit => Commit is { Length: > 7 } commit ? commit[..7] : Commit ?? "";

    public double? CategoryValue(string name) => Categories.FirstOrDefault(category => category.Name == name)?.Value;

    public static ScanSnapshot From(Assessment assessment, string label, long? id = null) => new()
    {
        Id = id,
        Label = label,
        Time = assessment.Time,
        Commit = assessment.Commit,
        Branch = assessment.Branch,
        Overall = assessment.Scores.Overall.Value,
        Level = assessment.Scores.Level,
        Categories = [.. assessment.Scores.Categories.Select(score => new CategorySnapshot(score.Name, score.Value))],
        Controls = assessment.Results.ToDictionary(
            result => result.Control.Id,
            result => new ControlSnapshot(result.Control.Id, result.Control.Title, result.Control.Category, result.Control.Priority, result.Status),
            StringComparer.Ordinal),
    };
}
