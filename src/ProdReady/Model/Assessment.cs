namespace ProdReady.Model;

/// <summary>Everything one run found: the target, the stack, each control's result and the scores.</summary>
public sealed record Assessment
{
    /// <summary>Version of the JSON document shape; bump on breaking changes.</summary>
    public const string CurrentSchemaVersion = "1.1";

    public required string Target { get; init; }
    public string? Commit { get; init; }
    public string? Branch { get; init; }
    public required DateTimeOffset Time { get; init; }
    public required string ToolVersion { get; init; }
    public required DetectedStack Stack { get; init; }
    public required IReadOnlyList<ControlResult> Results { get; init; }
    public required ScoreCard Scores { get; init; }
    public IReadOnlyList<Diagnostic> Diagnostics { get; init; } = [];
    public required ScanStatistics Statistics { get; init; }

    /// <summary>The service as prodready.yml declares it; the defaults (standard tier, nothing named) without one.</summary>
    public ServiceInfo Service { get; init; } = new();

    /// <summary>The running service probed alongside the scan (`scan --probe URL`), when one was.</summary>
    public LiveTarget? Live { get; init; }
}

/// <summary>Which running service gave the live evidence, and how far the probe went.</summary>
public sealed record LiveTarget(string Url, int RequestsSent)
{
    public string? StoppedBecause { get; init; }

    /// <summary>The Observatory-style grade of the service's headers, reported beside the readiness results.</summary>
    public Probing.HeadersGrade? HeadersGrade { get; init; }
}

/// <summary>How much the scanner looked at, so a reader can judge coverage.</summary>
public sealed record ScanStatistics
{
    public int FilesSeen { get; init; }
    public int FilesRead { get; init; }
    public int SkippedTooLarge { get; init; }
    public int SkippedBinary { get; init; }
    public int SkippedIgnored { get; init; }
    public long BytesRead { get; init; }
    public TimeSpan Elapsed { get; init; }
}
