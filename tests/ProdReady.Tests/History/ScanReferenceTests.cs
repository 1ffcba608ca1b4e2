using ProdReady.History;
using ProdReady.Reporting;
using ProdReady.Tests.Support;

namespace ProdReady.Tests.History;

public sealed class ScanReferenceTests : IDisposable
{
    private readonly TempRepo _temp = new();
    private readonly HistoryStore _store;

    public ScanReferenceTests()
    {
        _store = HistoryStore.Open(Path.Combine(_temp.Root, "history.db"));
        _store.Append(Scans.At(Scans.Commit('a')));
        _store.Append(Scans.At("1234567" + new string('f', 33), 5));
    }

    [Fact]
    public void IdsCommitsAndFilesAreEachFound()
    {
        var file = _temp.Write("scan.json", JsonReport.ToJson(Scans.At(Scans.Commit('c'))));

        Assert.Equal(1, Resolve("1").Id);
        Assert.Equal(1, Resolve("aaaaaaa").Id);
        Assert.Equal(2, Resolve("1234567").Id); // a number no scan has as its id, long enough to be a commit
        Assert.Equal((null, Scans.Commit('c')), (Resolve(file).Id, Resolve(file).Commit));
    }

    [Fact]
    public void TheStoreIsNotOpenedForAFile()
    {
        var file = _temp.Write("scan.json", JsonReport.ToJson(Scans.At(null)));

        var snapshot = ScanReference.Resolve(file, () => throw new InvalidOperationException("the store was opened"));

        Assert.Equal(file, snapshot.Label);
    }

    [Theory]
    [InlineData("9", "{store}: no scan with id 9; `prodready history` lists them")]
    [InlineData("bbbbbbb", "{store}: no scan of commit bbbbbbb; `prodready history` lists the scans with their commits")]
    [InlineData("latest", "latest: not a scan id, a commit (7 to 40 hex digits) or an assessment JSON file")]
    [InlineData("old.json", "old.json: no such file")]
    public void AReferenceThatNamesNothingSaysWhy(string reference, string message)
    {
        var error = Assert.Throws<HistoryException>(() => Resolve(reference));

        Assert.Equal(message.Replace("{store}", _store.FilePath), error.Message);
    }

    private ScanSnapshot Resolve(string reference) => ScanReference.Resolve(reference, () => _store);

    public void Dispose()
    {
        _store.Dispose();
        _temp.Dispose();
    }
}
