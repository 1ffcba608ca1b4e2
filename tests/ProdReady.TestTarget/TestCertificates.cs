using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ProdReady.TestTarget;

/// <summary>Certificates made on the spot for the HTTPS target: a private root, and server certificates good or bad.</summary>
public static class TestCertificates
{
    /// <summary>
    /// A private CA valid from a year ago to a year ahead: a root, or an intermediate when it has an issuer.
    /// </summary>
    public static X509Certificate2 Authority(X509Certificate2? issuer = null, string name = "ProdReady Test Root")
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        return Sign(request, key, issuer, DateTimeOffset.UtcNow.AddDays(issuer is null ? -365 : -300), DateTimeOffset.UtcNow.AddDays(issuer is null ? 365 : 300));
    }

    /// <summary>
    /// A server certificate for <paramref name="names"/> (IP addresses or DNS names), valid until
    /// <paramref name="notAfter"/>, issued by <paramref name="issuer"/> or self-signed when there is none.
    /// </summary>
    public static X509Certificate2 Server(X509Certificate2? issuer, DateTimeOffset notAfter, params string[] names)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={names[0]}", key, HashAlgorithmName.SHA256);
        var alternatives = new SubjectAlternativeNameBuilder();
        foreach (var name in names)
        {
            if (IPAddress.TryParse(name, out var address))
            {
                alternatives.AddIpAddress(address);
            }
            else
            {
                alternatives.AddDnsName(name);
            }
        }
        request.CertificateExtensions.Add(alternatives.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false)); // server authentication
        return Sign(request, key, issuer, DateTimeOffset.UtcNow.AddDays(-60), notAfter);
    }

    private static X509Certificate2 Sign(CertificateRequest request, ECDsa key, X509Certificate2? issuer, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        if (issuer is null)
        {
            using var self = request.CreateSelfSigned(notBefore, notAfter);
            return Loadable(self);
        }
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        using var issued = request.Create(issuer, notBefore, notAfter, RandomNumberGenerator.GetBytes(12));
        using var withKey = issued.CopyWithPrivateKey(key);
        return Loadable(withKey);
    }

    /// <summary>Through PKCS#12 and back, so the private key is one every platform's TLS stack can use.</summary>
    private static X509Certificate2 Loadable(X509Certificate2 certificate) =>
        X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), password: null);

    /// <summary>The certificate as PEM, for a --ca-file.</summary>
    public static string Pem(X509Certificate2 certificate) => certificate.ExportCertificatePem();
}
