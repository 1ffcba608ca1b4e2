namespace ProdReady.Probing;

/// <summary>A request a probe wants sent: a path on the target (or an absolute URL on the same host) and its headers.</summary>
public sealed record ProbeRequest(string Method, string Path)
{
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Follow redirects on the same host (the default), or show the redirect itself.</summary>
    public bool FollowRedirects { get; init; } = true;

    /// <summary>
    /// Send <see cref="Path"/> byte for byte. System.Uri re-escapes a malformed '%' as "%25", so without this a
    /// request for bad percent-encoding would reach the server as a well-formed path.
    /// </summary>
    public bool RawPath { get; init; }

    /// <summary>
    /// A request body, sent with <see cref="ContentType"/>. Only two probes send one, the documented exceptions to
    /// read-only probing: the errors probe (a broken JSON body that no handler can parse, so none can act on it) and
    /// the limits probe.
    /// </summary>
    public string? Body { get; init; }

    public string? ContentType { get; init; }

    public static ProbeRequest Get(string path) => new("GET", path);
}
