namespace ProdReady.History;

/// <summary>What changed between two scans: the scores, the controls whose status moved, and controls added or removed.</summary>
public sealed record SnapshotDiff
{
    /// <summary>A score move of this many points or more is highlighted, in history and in diff.</summary>
    public const double NotableMove = 5;

    public required ScanSnapshot Before { get; init; }
    public required ScanSnapshot After { get; init; }
    public required ScoreChange Overall { get; init; }

    /// <summary>Every category either scan scored, in the later scan's order.</summary>
    public required IReadOnlyList<ScoreChange> Categories { get; init; }

    /// <summary>Controls in both scans whose status differs: worse first, then better, then neutral; P0 first within each.</summary>
    public required IReadOnlyList<ControlChange> Changed { get; init; }

    /// <summary>Controls only the later scan has (a new rule, or a newer catalog).</summary>
    public required IReadOnlyList<ControlChange> Added { get; init; }

    /// <summary>Controls only the earlier scan has.</summary>
    public required IReadOnlyList<ControlChange> Removed { get; init; }

    public IEnumerable<ControlChange> Worse => Changed.Where(change => change.Direction == ChangeDirection.Worse);
    public IEnumerable<ControlChange> Better => Changed.Where(change => change.Direction == ChangeDirection.Better);

    public static SnapshotDiff Between(ScanSnapshot before, ScanSnapshot after)
    {
        var categoryNames = after.Categories.Select(category => category.Name)
            .Concat(before.Categories.Select(category => category.Name))
            .Distinct(StringComparer.Ordinal);
        var changes = after.Controls.Keys.Union(before.Controls.Keys, StringComparer.Ordinal)
            .Select(id => new ControlChange(before.Controls.GetValueOrDefault(id), after.Controls.GetValueOrDefault(id)))
            .Where(change => change.Before?.Status != change.After?.Status) // a missing side differs from any status
            .OrderBy(change => change.Direction)
            .ThenBy(change => change.Priority)
            .ThenBy(change => change.Id, StringComparer.Ordinal)
            .ToList();
        return new SnapshotDiff
        {
            Before = before,
            After = after,
            Overall = new ScoreChange("overall", before.Overall, after.Overall),
            Categories = [.. categoryNames.Select(name => new ScoreChange(name, before.CategoryValue(name), after.CategoryValue(name)))],
            Changed = [.. changes.Where(change => change.Before is not null && change.After is not null)],
            Added = [.. changes.Where(change => change.Before is null)],
            Removed = [.. changes.Where(change => change.After is null)],
        };
    }
}
