namespace ProdReady.Probing;

/// <summary>A request a probe wants sent: a path on the target (or an absolute URL on the same host) and its extras.</summary>
public sealed record ProbeRequest(string Method, string Path)
{
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>A body to send; only the documented bodiless-input probes use one, with a short payload.</summary>
    public string? Body { get; init; }

    public string? ContentType { get; init; }

    /// <summary>Follow redirects on the same host (the default), or show the redirect itself.</summary>
    public bool FollowRedirects { get; init; } = true;

    public static ProbeRequest Get(string path) => new("GET", path);
}
