using System.Net.Security;
using System.Security.Authentication;

namespace ProdReady.Probing;

/// <summary>What the TLS handshake with an https target showed: the certificate, its chain errors, the protocol.</summary>
public sealed record TlsObservation(string Subject, string Issuer, DateTimeOffset NotAfter, SslPolicyErrors Errors, string ChainStatus)
{
    public SslProtocols? Protocol { get; init; }
}
