using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace ProdReady.TestTarget;

public enum PlainHttpStyle
{
    /// <summary>No plain http listener.</summary>
    None,

    /// <summary>Plain http answers 301 to the https URL.</summary>
    Redirect301,

    /// <summary>Plain http answers 302 to the https URL.</summary>
    Redirect302,

    /// <summary>Plain http serves the same app as https.</summary>
    Serve,
}

public sealed partial record TargetBehaviour
{
    /// <summary>Serve https with this certificate instead of plain http.</summary>
    public X509Certificate2? Certificate { get; init; }

    /// <summary>Certificates the server sends after its own (intermediates, or a private root).</summary>
    public X509Certificate2Collection? CertificateChain { get; init; }

    /// <summary>The TLS versions the https listener allows; None is the system default.</summary>
    public SslProtocols TlsProtocols { get; init; }

    /// <summary>What a second, plain http listener on <see cref="PlainHttpPort"/> does.</summary>
    public PlainHttpStyle PlainHttp { get; init; }

    /// <summary>A free port the test picked for the plain http listener.</summary>
    public int PlainHttpPort { get; init; }
}
