using System.Globalization;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace ProdReady.Probing;

/// <summary>
/// The server's certificate as one handshake showed it, judged as a client would judge it: chain to a trusted root
/// (the system store, or a --ca-file root), the name asked for, the validity dates.
/// </summary>
public sealed record TlsCertificate(string Subject, string Issuer, DateTimeOffset NotBefore, DateTimeOffset NotAfter, IReadOnlyList<string> Names)
{
    /// <summary>Why no client would trust the chain ("self-signed", "issued by an untrusted root ..."); null when trusted.</summary>
    public string? ChainProblem { get; init; }

    /// <summary>The certificate does not name the host the client asked for.</summary>
    public bool NameMismatch { get; init; }

    /// <summary>The host the client asked for.</summary>
    public string Host { get; init; } = "";

    /// <summary>What a client would refuse the certificate for; empty when it would accept it.</summary>
    public IReadOnlyList<string> Problems(DateTimeOffset now) =>
    [
        .. ChainProblem is { } chain ? [chain] : Array.Empty<string>(),
        .. NameMismatch ? [$"issued for {string.Join(", ", Names)}, not {Host}"] : Array.Empty<string>(),
        .. NotAfter < now ? [$"expired on {Date(NotAfter)}"] : Array.Empty<string>(),
        .. NotBefore > now ? [$"not valid before {Date(NotBefore)}"] : Array.Empty<string>(),
    ];

    /// <summary>"subject CN=api; issuer CN=R3; expires 2026-03-01; names api.example.test".</summary>
    public string Excerpt => $"subject {Subject}; issuer {Issuer}; expires {Date(NotAfter)}; names {string.Join(", ", Names)}";

    public static string Date(DateTimeOffset date) => date.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// Judges a certificate from a handshake's validation callback. The chain is built again here, the same way for
    /// every caller: without revocation lookups or downloads of missing intermediates (the probe talks to the target
    /// only), ignoring the dates (judged on their own), and trusting <paramref name="trustedRoots"/> when the
    /// system store does not.
    /// </summary>
    public static TlsCertificate Judge(X509Certificate certificate, X509Chain? presented, SslPolicyErrors errors, string host, IReadOnlyList<X509Certificate2> trustedRoots)
    {
        using var copy = certificate is X509Certificate2 ? null : new X509Certificate2(certificate);
        var leaf = certificate as X509Certificate2 ?? copy!;
        var intermediates = presented?.ChainPolicy.ExtraStore;
        var problem = Untrusted(leaf, intermediates, null);
        if (problem is not null && trustedRoots.Count > 0 && Untrusted(leaf, intermediates, trustedRoots) is null)
        {
            problem = null;
        }
        return new TlsCertificate(leaf.Subject, leaf.Issuer, leaf.NotBefore.ToUniversalTime(), leaf.NotAfter.ToUniversalTime(), NamesOf(leaf))
        {
            ChainProblem = problem,
            NameMismatch = errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch),
            Host = host,
        };
    }

    private static string? Untrusted(X509Certificate2 leaf, X509Certificate2Collection? intermediates, IReadOnlyList<X509Certificate2>? roots)
    {
        using var chain = new X509Chain();
        var policy = chain.ChainPolicy;
        policy.RevocationMode = X509RevocationMode.NoCheck;
        policy.DisableCertificateDownloads = true;
        policy.VerificationFlags = X509VerificationFlags.IgnoreNotTimeValid;
        if (intermediates is not null)
        {
            policy.ExtraStore.AddRange(intermediates);
        }
        if (roots is not null)
        {
            policy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            policy.CustomTrustStore.AddRange(roots.ToArray());
        }
        if (chain.Build(leaf))
        {
            return null;
        }
        var status = chain.ChainStatus.Aggregate(X509ChainStatusFlags.NoError, (all, one) => all | one.Status);
        if (leaf.SubjectName.RawData.AsSpan().SequenceEqual(leaf.IssuerName.RawData))
        {
            return "self-signed";
        }
        if (status.HasFlag(X509ChainStatusFlags.PartialChain))
        {
            return $"issued by {leaf.Issuer}, which is neither trusted nor sent by the server (a missing intermediate, or a private CA)";
        }
        if (status.HasFlag(X509ChainStatusFlags.UntrustedRoot))
        {
            return $"issued under an untrusted root ({chain.ChainElements[^1].Certificate.Subject})";
        }
        return $"chain not valid: {string.Join(", ", chain.ChainStatus.Select(one => one.StatusInformation.Trim()).Distinct())}";
    }

    /// <summary>The subject alternative names (DNS and IP); the common name only when there are none.</summary>
    private static string[] NamesOf(X509Certificate2 certificate)
    {
        if (certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().FirstOrDefault() is { } san)
        {
            return [.. san.EnumerateDnsNames(), .. san.EnumerateIPAddresses().Select(address => address.ToString())];
        }
        return [certificate.GetNameInfo(X509NameType.DnsName, forIssuer: false)];
    }
}
