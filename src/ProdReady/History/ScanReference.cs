namespace ProdReady.History;

/// <summary>
/// Finds the scan a person named: an assessment JSON file (an existing path, or any name ending in .json), a scan
/// id, or a commit (7 to 40 hex digits; the latest scan of it). A number is an id first; a number of 7 or more
/// digits that is no scan's id is tried as a commit.
/// </summary>
public static class ScanReference
{
    /// <summary>The snapshot, or a <see cref="HistoryException"/> saying why not. The store is opened only when needed.</summary>
    public static ScanSnapshot Resolve(string reference, Func<HistoryStore> store)
    {
        if (File.Exists(reference) || reference.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            return File.Exists(reference) ? AssessmentFile.Read(reference) : throw new HistoryException(reference, "no such file");
        }
        var isCommit = reference.Length is >= 7 and <= 40 && reference.All(char.IsAsciiHexDigit);
        if (reference.Length > 0 && reference.All(char.IsAsciiDigit) && long.TryParse(reference, out var id))
        {
            if (store().Get(id) is { } scan)
            {
                return scan;
            }
            if (!isCommit)
            {
                throw new HistoryException(store().FilePath, $"no scan with id {id}; `prodready history` lists them");
            }
        }
        if (isCommit)
        {
            return store().FindByCommit(reference)
                ?? throw new HistoryException(store().FilePath, $"no scan of commit {reference}; `prodready history` lists the scans with their commits");
        }
        throw new HistoryException(reference, "not a scan id, a commit (7 to 40 hex digits) or an assessment JSON file");
    }
}
