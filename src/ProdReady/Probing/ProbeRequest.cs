namespace ProdReady.Probing;

/// <summary>A request a probe wants sent: a path on the target (or an absolute URL on the same host) and its headers.</summary>
public sealed record ProbeRequest(string Method, string Path)
{
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Follow redirects on the same host (the default), or show the redirect itself.</summary>
    public bool FollowRedirects { get; init; } = true;

    public static ProbeRequest Get(string path) => new("GET", path);
}
