using ProdReady.History;
using ProdReady.Model;

namespace ProdReady.Tests.History;

public class SnapshotDiffTests
{
    [Fact]
    public void ControlsAreSortedWorseThenBetterThenNeutralAndP0First()
    {
        var before = Snapshot(70,
            ("a.pass-to-fail", Priority.P2, ResultStatus.Pass),
            ("b.partial-to-fail", Priority.P0, ResultStatus.Partial),
            ("c.fail-to-pass", Priority.P1, ResultStatus.Fail),
            ("d.fail-to-waived", Priority.P0, ResultStatus.Fail),
            ("e.pass-to-waived", Priority.P1, ResultStatus.Pass),
            ("f.fail-to-unknown", Priority.P0, ResultStatus.Fail),
            ("g.na-to-pass", Priority.P3, ResultStatus.NotApplicable),
            ("h.same", Priority.P0, ResultStatus.Fail),
            ("i.removed", Priority.P2, ResultStatus.Pass));
        var after = Snapshot(75,
            ("a.pass-to-fail", Priority.P2, ResultStatus.Fail),
            ("b.partial-to-fail", Priority.P0, ResultStatus.Fail),
            ("c.fail-to-pass", Priority.P1, ResultStatus.Pass),
            ("d.fail-to-waived", Priority.P0, ResultStatus.Waived),
            ("e.pass-to-waived", Priority.P1, ResultStatus.Waived),
            ("f.fail-to-unknown", Priority.P0, ResultStatus.Unknown),
            ("g.na-to-pass", Priority.P3, ResultStatus.Pass),
            ("h.same", Priority.P0, ResultStatus.Fail),
            ("j.added", Priority.P1, ResultStatus.Fail));

        var diff = SnapshotDiff.Between(before, after);

        Assert.Equal(
            ["b.partial-to-fail Worse", "a.pass-to-fail Worse", "d.fail-to-waived Better", "c.fail-to-pass Better", "f.fail-to-unknown Neutral", "e.pass-to-waived Neutral", "g.na-to-pass Neutral"],
            diff.Changed.Select(change => $"{change.Id} {change.Direction}"));
        Assert.Equal(["b.partial-to-fail", "a.pass-to-fail"], diff.Worse.Select(change => change.Id));
        Assert.Equal(["d.fail-to-waived", "c.fail-to-pass"], diff.Better.Select(change => change.Id));
        Assert.Equal(("j.added", null, ResultStatus.Fail), (diff.Added.Single().Id, diff.Added.Single().Before, diff.Added.Single().After!.Status));
        Assert.Equal(("i.removed", ResultStatus.Pass), (diff.Removed.Single().Id, diff.Removed.Single().Before!.Status));
        Assert.Null(diff.Removed.Single().After);
    }

    [Theory]
    [InlineData(57.3, 62.3, 5.0, true)] // 62.3 - 57.3 is 4.999... in binary: rounded to the scores' one decimal first
    [InlineData(50.0, 54.9, 4.9, false)]
    [InlineData(60.0, 55.0, -5.0, true)]
    [InlineData(60.0, 55.1, -4.9, false)]
    [InlineData(40.0, 40.0, 0.0, false)]
    public void AMoveOfFivePointsOrMoreIsNotable(double before, double after, double delta, bool notable)
    {
        var change = new ScoreChange("overall", before, after);

        Assert.Equal((delta, notable), (change.Delta, change.IsNotable));
    }

    [Fact]
    public void AScoreWithoutAValueOnOneSideHasNoChange()
    {
        var change = new ScoreChange("ai", null, 80);

        Assert.Equal((null, false), (change.Delta, change.IsNotable));
    }

    [Fact]
    public void CategoriesOfBothScansAreComparedInTheLaterOrder()
    {
        var before = Snapshot(50) with { Categories = [new("security", 40), new("ai", 90)] };
        var after = Snapshot(60) with { Categories = [new("reliability", 10), new("security", 52.5)] };

        var diff = SnapshotDiff.Between(before, after);

        Assert.Equal(
            [new ScoreChange("reliability", null, 10), new ScoreChange("security", 40, 52.5), new ScoreChange("ai", 90, null)],
            diff.Categories);
        Assert.Equal(new ScoreChange("overall", 50, 60), diff.Overall);
        Assert.True(diff.Categories[1].IsNotable);
    }

    internal static ScanSnapshot Snapshot(double overall, params (string Id, Priority Priority, ResultStatus Status)[] controls) => new()
    {
        Label = "test",
        Time = new DateTimeOffset(2026, 11, 21, 10, 0, 0, TimeSpan.Zero),
        Overall = overall,
        Level = ReadinessLevel.Developing,
        Categories = [],
        Controls = controls.ToDictionary(control => control.Id, control => new ControlSnapshot(control.Id, "Title of " + control.Id, "security", control.Priority, control.Status)),
    };
}
