namespace ProdReady.History;

/// <summary>
/// A history store or an assessment file that cannot be used (not a database, damaged, locked, from a newer
/// version, not found). The message names the file and says what to do; the CLI prints it as one line.
/// </summary>
public sealed class HistoryException : Exception
{
    public HistoryException(string file, string problem, Exception? inner = null)
        : base($"{file}: {problem}", inner)
    {
        File = file;
    }

    /// <summary>The file the problem is about.</summary>
    public string File { get; }

    /// <summary>For a problem in an assessment's JSON: the path of the field at fault (results[3].status), or $ for the whole document.</summary>
    public string? Field { get; init; }

    /// <summary>The problem without the file and field in front, when <see cref="Field"/> is set.</summary>
    public string? Detail { get; init; }
}
