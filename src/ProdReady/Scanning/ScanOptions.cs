namespace ProdReady.Scanning;

public sealed record ScanOptions
{
    public const long DefaultMaxFileSize = 1024 * 1024;

    /// <summary>Files larger than this are listed (they exist) but never read.</summary>
    public long MaxFileSize { get; init; } = DefaultMaxFileSize;

    /// <summary>Follow symbolic links to folders and files (loops are detected and reported).</summary>
    public bool FollowSymlinks { get; init; }

    /// <summary>Worker threads for the walk and the file pass; defaults to the processor count.</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>More paths to skip, in .gitignore syntax relative to the root (prodready.yml's `ignore`).</summary>
    public IReadOnlyList<string> Ignore { get; init; } = [];

    /// <summary>The service kind the team declared (prodready.yml's `service.kind`); replaces the detected kinds.</summary>
    public string? Kind { get; init; }

    /// <summary>Called now and then with files processed so far and the total; for a progress bar.</summary>
    public Action<int, int>? Progress { get; init; }
}
