using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace ProdReady.Probing;

public sealed partial class ProbeClient
{
    /// <summary>Why the HTTP probes' handshake refused the target's certificate, in one line; null until it has.</summary>
    public string? RejectedCertificate { get; private set; }

    /// <summary>
    /// The HTTP probes' certificate check: what the system accepts, plus a chain ending at a --ca-file root; anything
    /// with --insecure. A refusal is kept so the run can say exactly why the target is unreachable.
    /// </summary>
    private bool AcceptCertificate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (Options.Insecure || errors == SslPolicyErrors.None)
        {
            return true;
        }
        if (certificate is null)
        {
            RejectedCertificate = "TLS certificate rejected: the server sent none";
            return false;
        }
        var judged = TlsCertificate.Judge(certificate, chain, errors, Target.IdnHost, Options.TrustedRoots);
        var problems = judged.Problems(DateTimeOffset.UtcNow);
        if (problems.Count == 0)
        {
            return true; // only the system store distrusted it, and a --ca-file root vouches for it
        }
        RejectedCertificate = $"TLS certificate rejected: {string.Join("; ", problems)} (--ca-file trusts a private CA; --insecure probes anyway)";
        return false;
    }
}
