using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace ProdReady.TestTarget;

/// <summary>Listeners (https with the behaviour's certificate, a plain http one beside it) and server limits.</summary>
internal static class KestrelSetup
{
    private const int RaisedLimit = 128 * 1024;

    /// <summary>The main listener first: the target's URL is the first address.</summary>
    public static void Configure(KestrelServerOptions options, TargetBehaviour behaviour)
    {
        options.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (behaviour.Certificate is { } certificate)
            {
                listen.UseHttps(https => (https.ServerCertificate, https.ServerCertificateChain, https.SslProtocols) = (certificate, behaviour.CertificateChain, behaviour.TlsProtocols));
            }
        });
        if (behaviour.PlainHttp != PlainHttpStyle.None)
        {
            options.Listen(IPAddress.Loopback, behaviour.PlainHttpPort);
        }
        if (behaviour.Limits is not (LimitsStyle.None or LimitsStyle.Defaults))
        {
            options.Limits.MaxRequestBodySize = null;
            options.Limits.MaxRequestLineSize = RaisedLimit;
            options.Limits.MaxRequestHeadersTotalSize = RaisedLimit;
        }
    }
}
