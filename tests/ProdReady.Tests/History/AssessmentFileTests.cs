using ProdReady.History;
using ProdReady.Reporting;
using ProdReady.Tests.Support;

namespace ProdReady.Tests.History;

public sealed class AssessmentFileTests : IDisposable
{
    private readonly TempRepo _temp = new();

    [Fact]
    public void TheJsonOfARealScanReadsBackAsTheSameSnapshot()
    {
        var assessment = Scans.At(Scans.Commit('d'));
        var path = _temp.Write("a.json", JsonReport.ToJson(assessment));

        var snapshot = AssessmentFile.Read(path);

        var expected = ScanSnapshot.From(assessment, path);
        Assert.Equal((path, (long?)null, expected.Time, expected.Commit, expected.Branch, expected.Overall, expected.Level), (snapshot.Label, snapshot.Id, snapshot.Time, snapshot.Commit, snapshot.Branch, snapshot.Overall, snapshot.Level));
        Assert.Equal(expected.Categories, snapshot.Categories);
        Assert.Equal(expected.Controls.OrderBy(pair => pair.Key), snapshot.Controls.OrderBy(pair => pair.Key));
    }

    [Theory]
    [InlineData("{\n  \"a\": 1,\n  oops\n}", "not valid JSON (line 3); expected the output of `prodready scan --format json`")]
    [InlineData("[1, 2]", "not a prodready assessment (no schemaVersion and tool.name \"prodready\"); expected the output of `prodready scan --format json`")]
    [InlineData("{\"schemaVersion\": \"2.1.0\", \"tool\": {\"name\": \"sarif\"}}", "not a prodready assessment (no schemaVersion and tool.name \"prodready\"); expected the output of `prodready scan --format json`")]
    [InlineData("{\"schemaVersion\": \"2.0\", \"tool\": {\"name\": \"prodready\"}}", "assessment schema version 2.0 is not one this prodready reads (1.x); use the prodready that wrote it")]
    [InlineData("{\"schemaVersion\": \"1.1\", \"tool\": {\"name\": \"prodready\"}, \"time\": \"2026-11-21T10:00:00Z\"}", "scores: missing")]
    [InlineData("{\"schemaVersion\": \"1.1\", \"tool\": {\"name\": \"prodready\"}, \"time\": \"yesterday\", \"scores\": {}}", "time: 'yesterday' is not an ISO 8601 time")]
    [InlineData("{\"schemaVersion\": \"1.1\", \"tool\": {\"name\": \"prodready\"}, \"time\": \"2026-11-21T10:00:00Z\", \"scores\": {\"overall\": {\"value\": \"high\"}}}", "scores.overall.value: expected a number or null")]
    public void AMalformedOrForeignFileIsNamedWithWhatIsWrong(string json, string problem)
    {
        var path = _temp.Write("x.json", json);

        var error = Assert.Throws<HistoryException>(() => AssessmentFile.Read(path));

        Assert.Equal($"{path}: {problem}", error.Message);
    }

    [Fact]
    public void AnUnknownStatusInAResultNamesItsPlace()
    {
        var json = JsonReport.ToJson(Scans.At(null));
        var first = json.IndexOf("\"status\": \"", StringComparison.Ordinal);
        var end = json.IndexOf('"', first + 11);
        var path = _temp.Write("x.json", json[..(first + 11)] + "great" + json[end..]);

        var error = Assert.Throws<HistoryException>(() => AssessmentFile.Read(path));

        Assert.Equal($"{path}: results[0].status: unknown value 'great'", error.Message);
    }

    [Fact]
    public void AMissingFileIsNamed()
    {
        var path = Path.Combine(_temp.Root, "none.json");

        var error = Assert.Throws<HistoryException>(() => AssessmentFile.Read(path));

        Assert.StartsWith($"{path}: cannot read the file: Could not find file", error.Message);
    }

    public void Dispose() => _temp.Dispose();
}
