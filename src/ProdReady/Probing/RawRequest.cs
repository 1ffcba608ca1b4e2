using System.Security.Authentication;

namespace ProdReady.Probing;

/// <summary>
/// What a probe sends over a raw connection, for what HttpClient cannot say: a TLS handshake restricted to chosen
/// versions, or an HTTP/1.1 request head written exactly (a huge declared length with Expect, a 64 KB header).
/// Only the response head is read, never a body.
/// </summary>
public sealed record RawRequest
{
    /// <summary>The TLS versions to offer when the target is https; None is the system default.</summary>
    public SslProtocols Tls { get; init; }

    /// <summary>The request's method; null to connect (and handshake) only.</summary>
    public string? Method { get; init; }

    /// <summary>The request target exactly as sent.</summary>
    public string PathAndQuery { get; init; } = "/";

    /// <summary>Headers besides Host, User-Agent and Connection: close, which every raw request carries.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public static RawRequest Handshake(SslProtocols versions) => new() { Tls = versions };
}
