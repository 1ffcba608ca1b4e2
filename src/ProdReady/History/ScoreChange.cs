namespace ProdReady.History;

/// <summary>How one score (a category, or overall) moved between two scans.</summary>
public sealed record ScoreChange(string Name, double? Before, double? After)
{
    /// <summary>After − before, to one decimal like the scores; null when either side has no value.</summary>
    public double? Delta => Before is double before && After is double after ? Math.Round(after - before, 1) : null;

    /// <summary>A move of <see cref="SnapshotDiff.NotableMove"/> points or more, either way.</summary>
    public bool IsNotable => Delta is double delta && Math.Abs(delta) >= SnapshotDiff.NotableMove;
}
