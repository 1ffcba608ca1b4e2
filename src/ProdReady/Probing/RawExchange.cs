using System.Security.Authentication;

namespace ProdReady.Probing;

public enum RawOutcome
{
    /// <summary>A response head came back, or the handshake (when only that was asked) completed.</summary>
    Answered,

    /// <summary>The server refused the handshake: an alert, another version, or a close.</summary>
    TlsRefused,

    /// <summary>This machine's TLS library will not offer the versions asked for, so nothing was sent.</summary>
    NotOffered,

    /// <summary>Connected and sent, but no answer within the per-request timeout.</summary>
    TimedOut,

    /// <summary>The server closed or reset the connection without an answer.</summary>
    Closed,

    /// <summary>No connection (refused, unknown host), or not sent (budget, deadline).</summary>
    Failed,
}

/// <summary>
/// How a raw connection went, and the evidence as an exchange. A handshake has no HTTP status: its outcome stands in
/// the exchange's <see cref="ProbeExchange.Error"/> ("handshake completed: TLS 1.3"). Long request values are shown
/// cut, with their full length: "aaaaaaaaaaaaaaaa...[65536]".
/// </summary>
public sealed record RawExchange(RawOutcome Outcome, ProbeExchange Evidence)
{
    /// <summary>The version the server agreed to, when it did.</summary>
    public SslProtocols? Protocol { get; init; }

    /// <summary>The server's certificate, recorded and judged rather than enforced.</summary>
    public TlsCertificate? Certificate { get; init; }

    public int? StatusCode => Evidence.StatusCode;
}
