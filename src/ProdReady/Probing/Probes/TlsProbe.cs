using System.Security.Authentication;
using ProdReady.Model;

namespace ProdReady.Probing.Probes;

/// <summary>
/// TLS as clients meet it on an https target: the certificate (a trusted chain, the right name, days left), TLS 1.0
/// and 1.1 refused, TLS 1.3 offered, and plain http redirecting to https. Handshakes go over raw connections, so each
/// version is offered on its own and a bad certificate is reported rather than refused.
/// </summary>
public sealed class TlsProbe : IProbe
{
    /// <summary>A certificate closer than this to expiry warns: a failed renewal needs time to be noticed and fixed.</summary>
    public static readonly TimeSpan ExpiryWarning = TimeSpan.FromDays(30);

    public string Id => "tls";


    public IReadOnlyList<string> Findings => ["tls.certificate", "tls.legacy-protocols", "tls.1.3", "tls.http-redirect", "tls"];

    public async Task<IReadOnlyList<ProbeFinding>> Run(ProbeContext context)
    {
        var client = context.Client;
        if (client.Target.Scheme != Uri.UriSchemeHttps)
        {
            return [new ProbeFinding("tls", ProbeVerdict.Inconclusive, "plain http: TLS not judged") { Exchanges = [context.Root] }];
        }
        var handshake = await client.SendRaw(RawRequest.Handshake(SslProtocols.None)).ConfigureAwait(false);
        return
        [
            Certificate(handshake),
            await Legacy(client).ConfigureAwait(false),
            await Tls13(client, handshake).ConfigureAwait(false),
            await HttpRedirect(client, context.Root).ConfigureAwait(false),
        ];
    }

    /// <summary>Where plain http is looked for: the port given, or 80 beside the default https port; unknown otherwise.</summary>
    public static int? HttpPortFor(Uri target, int? given) => given ?? (target.IsDefaultPort ? 80 : null);

    private static ProbeFinding Certificate(RawExchange handshake)
    {
        if (handshake.Certificate is not { } certificate)
        {
            return new ProbeFinding("tls.certificate", ProbeVerdict.Inconclusive, $"no certificate seen: {handshake.Evidence.Error}") { Exchanges = [handshake.Evidence] };
        }
        var now = DateTimeOffset.UtcNow;
        var left = certificate.NotAfter - now;
        var days = (int)Math.Round(left.TotalDays);
        ProbeFinding Make(ProbeVerdict verdict, string message, Priority severity = Priority.P2) =>
            new("tls.certificate", verdict, message) { Exchanges = [handshake.Evidence], Excerpt = certificate.Excerpt, Severity = severity };
        if (certificate.Problems(now) is { Count: > 0 } problems)
        {
            return Make(ProbeVerdict.Fail, $"clients will refuse the certificate: {string.Join("; ", problems)}", Priority.P1);
        }
        return left < ExpiryWarning
            ? Make(ProbeVerdict.Warn, $"the certificate expires in {days} days, on {TlsCertificate.Date(certificate.NotAfter)}: renewal should have happened by now")
            : Make(ProbeVerdict.Pass, $"certificate valid until {TlsCertificate.Date(certificate.NotAfter)} ({days} days), trusted chain, issued for {certificate.Host}");
    }

    /// <summary>TLS 1.0 and 1.1 (deprecated by RFC 8996), each offered alone; judged only when this machine can offer them.</summary>
    private static async Task<ProbeFinding> Legacy(ProbeClient client)
    {
#pragma warning disable SYSLIB0039 // offered only to see whether the server still accepts them
        var tries = new[] { await client.SendRaw(RawRequest.Handshake(SslProtocols.Tls)).ConfigureAwait(false), await client.SendRaw(RawRequest.Handshake(SslProtocols.Tls11)).ConfigureAwait(false) };
#pragma warning restore SYSLIB0039
        ProbeFinding Make(ProbeVerdict verdict, string message) =>
            new("tls.legacy-protocols", verdict, message) { Exchanges = [.. tries.Select(one => one.Evidence)] };
        string Names(RawOutcome outcome) => string.Join(" and ", tries.Where(one => one.Outcome == outcome).Select(one => one.Evidence.Method));
        if (tries.Any(one => one.Outcome == RawOutcome.Answered))
        {
            return Make(ProbeVerdict.Fail, $"the server accepts {Names(RawOutcome.Answered)}: deprecated (RFC 8996) and weak; no current client needs them");
        }
        if (tries.All(one => one.Outcome == RawOutcome.TlsRefused))
        {
            return Make(ProbeVerdict.Pass, "TLS 1.0 and TLS 1.1 are refused");
        }
        if (tries.Any(one => one.Outcome == RawOutcome.NotOffered))
        {
            return Make(ProbeVerdict.Inconclusive, $"this machine's TLS library will not offer {Names(RawOutcome.NotOffered)}, so whether the server accepts them is unknown (see docs/probe.md, OPENSSL_CONF)");
        }
        return Make(ProbeVerdict.Inconclusive, $"could not tell: {tries.First(one => one.Outcome != RawOutcome.TlsRefused).Evidence.Error}");
    }

    /// <summary>The first handshake already shows TLS 1.3 when the server has it; otherwise one offering only 1.3 asks.</summary>
    private static async Task<ProbeFinding> Tls13(ProbeClient client, RawExchange handshake)
    {
        var askOnly13 = handshake.Outcome == RawOutcome.Answered && handshake.Protocol != SslProtocols.Tls13;
        var shown = askOnly13 ? await client.SendRaw(RawRequest.Handshake(SslProtocols.Tls13)).ConfigureAwait(false) : handshake;
        ProbeFinding Make(ProbeVerdict verdict, string message, Priority severity = Priority.P2) =>
            new("tls.1.3", verdict, message) { Exchanges = [shown.Evidence], Severity = severity };
        return shown.Outcome switch
        {
            RawOutcome.Answered when shown.Protocol == SslProtocols.Tls13 => Make(ProbeVerdict.Pass, "TLS 1.3 is offered"),
            RawOutcome.TlsRefused when askOnly13 => Make(ProbeVerdict.Warn, $"TLS 1.3 is not offered (clients get {TlsVersions.Name(handshake.Protocol ?? SslProtocols.None)}): 1.3 saves a round trip and drops weak ciphers", Priority.P3),
            RawOutcome.NotOffered => Make(ProbeVerdict.Inconclusive, "this machine's TLS library will not offer TLS 1.3, so whether the server does is unknown"),
            _ => Make(ProbeVerdict.Inconclusive, $"could not tell: {shown.Evidence.Error}"),
        };
    }

    /// <summary>Plain http on the same host should send visitors to https for good (301/308), not serve them.</summary>
    private static async Task<ProbeFinding> HttpRedirect(ProbeClient client, ProbeExchange root)
    {
        var target = client.Target;
        if (HttpPortFor(target, client.Options.HttpPort) is not { } port)
        {
            return new ProbeFinding("tls.http-redirect", ProbeVerdict.Inconclusive,
                $"https is on port {target.Port}, so where plain http is served is unknown: give --http-port to check that it redirects");
        }
        var url = new UriBuilder(Uri.UriSchemeHttp, target.Host, port, root.Url.AbsolutePath).Uri;
        var exchange = await client.Send(new ProbeRequest("GET", url.ToString()) { FollowRedirects = false }).ConfigureAwait(false);
        var location = exchange.Header("Location");
        ProbeFinding Make(ProbeVerdict verdict, string message, Priority severity = Priority.P2) => new("tls.http-redirect", verdict, message)
        {
            Exchanges = [exchange],
            Excerpt = location is null ? null : $"Location: {location}",
            Severity = severity,
        };
        if (exchange.StatusCode is not { } status)
        {
            return Make(ProbeVerdict.Inconclusive, $"nothing answers plain http on port {port}: {exchange.Error}");
        }
        if (status is >= 300 and < 400)
        {
            var next = location is not null && Uri.TryCreate(url, location, out var resolved) ? resolved : null;
            if (next?.Scheme != Uri.UriSchemeHttps)
            {
                return Make(ProbeVerdict.Fail, $"plain http redirects ({status}) but not to https");
            }
            if (!string.Equals(next.Host, target.Host, StringComparison.OrdinalIgnoreCase))
            {
                return Make(ProbeVerdict.Warn, $"plain http redirects ({status}) to https on another host, {next.Host}", Priority.P3);
            }
            return status is 301 or 308
                ? Make(ProbeVerdict.Pass, $"plain http redirects permanently ({status}) to https")
                : Make(ProbeVerdict.Warn, $"plain http redirects to https only temporarily ({status}): use 301 or 308 so clients remember", Priority.P3);
        }
        return status is >= 200 and < 300
            ? Make(ProbeVerdict.Fail, $"plain http serves content ({status}) instead of redirecting to https: anyone on the path can read and change it")
            : Make(ProbeVerdict.Warn, $"plain http answers {status} instead of redirecting to https: visitors who type the bare name get an error", Priority.P3);
    }
}
