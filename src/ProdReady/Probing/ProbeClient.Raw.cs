using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using System.Text.RegularExpressions;

namespace ProdReady.Probing;

public sealed partial class ProbeClient
{
    /// <summary>The most of a response head a raw request reads: the status line and headers, never a body.</summary>
    public const int MaxRawHeadBytes = 16 * 1024;

    /// <summary>Request values longer than this are shown cut in the evidence.</summary>
    private const int ShownLength = 128;

    /// <summary>
    /// One raw connection to the target, within the same bounds as every request (one from the budget, a
    /// concurrency slot, the per-request timeout, the deadline): connect, the TLS handshake on an https target (the
    /// certificate recorded, never enforced), then the request head if there is one and the response head. The
    /// connection is closed right after the first answer, so nothing more is ever sent. Never throws.
    /// </summary>
    public async Task<RawExchange> SendRaw(RawRequest request)
    {
        var tls = Target.Scheme == Uri.UriSchemeHttps;
        var evidence = new ProbeExchange
        {
            Method = request.Method ?? TlsVersions.Name(request.Tls),
            Url = new Uri(Target, Shown(request.PathAndQuery)),
            RequestHeaders = request.Headers.ToDictionary(header => header.Key, header => Shown(header.Value)),
        };
        if (tls && request.Tls != SslProtocols.None && !TlsVersions.CanOffer(request.Tls))
        {
            return new RawExchange(RawOutcome.NotOffered, evidence with { Error = $"not sent: this machine's TLS library will not offer {TlsVersions.Name(request.Tls)}" });
        }
        return await Bounded(
            () => Connect(request, evidence, tls),
            why => new RawExchange(RawOutcome.Failed, evidence with { Error = $"not sent: {why}" }),
            _slots).ConfigureAwait(false);
    }

    private async Task<RawExchange> Connect(RawRequest request, ProbeExchange evidence, bool tls)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_deadline.Token);
        timeout.CancelAfter(Options.RequestTimeout);
        var started = Stopwatch.GetTimestamp();
        RawExchange Outcome(RawOutcome outcome, string error) =>
            new(outcome, evidence with { Error = error, Elapsed = Stopwatch.GetElapsedTime(started) });
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(Target.IdnHost, Target.Port, timeout.Token).ConfigureAwait(false);
        }
        catch (SocketException error)
        {
            return Outcome(RawOutcome.Failed, Describe(error));
        }
        catch (OperationCanceledException) when (!_deadline.IsCancellationRequested)
        {
            return Outcome(RawOutcome.Failed, $"no connection within {Seconds(Options.RequestTimeout)}");
        }
        Stream stream = new NetworkStream(socket, ownsSocket: false);
        try
        {
            TlsCertificate? certificate = null;
            SslProtocols? protocol = null;
            if (tls)
            {
                var secure = new SslStream(stream, leaveInnerStreamOpen: false, (_, presented, chain, errors) =>
                {
                    certificate ??= presented is null ? null : TlsCertificate.Judge(presented, chain, errors, Target.IdnHost, Options.TrustedRoots);
                    return true; // recorded for the TLS probe to judge; a raw request is evidence, not trust
                });
                stream = secure;
                try
                {
                    await secure.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = Target.IdnHost, EnabledSslProtocols = request.Tls }, timeout.Token).ConfigureAwait(false);
                }
                catch (Exception refused) when (refused is AuthenticationException or IOException && !timeout.IsCancellationRequested)
                {
                    return Outcome(RawOutcome.TlsRefused, $"refused: {Describe(refused)}") with { Certificate = certificate };
                }
                protocol = secure.SslProtocol;
            }
            if (request.Method is null)
            {
                return Outcome(RawOutcome.Answered, $"handshake completed: {TlsVersions.Name(protocol ?? SslProtocols.None)}") with { Protocol = protocol, Certificate = certificate };
            }
            var head = await SendAndReadHead(stream, Head(request), timeout.Token).ConfigureAwait(false);
            if (Parse(head) is not { } response)
            {
                return Outcome(RawOutcome.Closed, head.Length == 0 ? "connection closed without an answer" : "answered something that is not HTTP");
            }
            Observe(response.Status, RetryConditionHeaderValue.TryParse(response.Headers.GetValueOrDefault("Retry-After"), out var retry) ? retry : null, countThrottling: true);
            return new RawExchange(RawOutcome.Answered, evidence with
            {
                Status = (HttpStatusCode)response.Status,
                Headers = response.Headers,
                Elapsed = Stopwatch.GetElapsedTime(started),
            })
            { Protocol = protocol, Certificate = certificate };
        }
        catch (OperationCanceledException) when (!_deadline.IsCancellationRequested)
        {
            return Outcome(RawOutcome.TimedOut, $"no answer within {Seconds(Options.RequestTimeout)}");
        }
        catch (IOException error)
        {
            return Outcome(RawOutcome.Closed, Describe(error));
        }
        finally
        {
            await stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The request head exactly as sent: HTTP/1.1, the target's Host, the probe's User-Agent, Connection: close.</summary>
    private byte[] Head(RawRequest request)
    {
        var host = Target.HostNameType == UriHostNameType.IPv6 ? $"[{Target.IdnHost}]" : Target.IdnHost;
        var head = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"{request.Method} {request.PathAndQuery} HTTP/1.1\r\n")
            .Append(CultureInfo.InvariantCulture, $"Host: {(Target.IsDefaultPort ? host : $"{host}:{Target.Port}")}\r\n")
            .Append(CultureInfo.InvariantCulture, $"User-Agent: {Options.UserAgent}\r\n");
        foreach (var (name, value) in request.Headers)
        {
            head.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
        }
        return Encoding.Latin1.GetBytes(head.Append("Connection: close\r\n\r\n").ToString());
    }

    /// <summary>
    /// Sends the head while already reading: a server may answer an oversized request (414, 431) and close before
    /// taking all of it, and that answer is what counts.
    /// </summary>
    private static async Task<byte[]> SendAndReadHead(Stream stream, byte[] head, CancellationToken cancel)
    {
        var sending = SendQuietly(stream, head, cancel);
        var answer = await ReadHead(stream, cancel).ConfigureAwait(false);
        if (answer.Length == 0)
        {
            await sending.ConfigureAwait(false); // a timeout while still sending is a timeout, not a close
        }
        return answer;
    }

    private static async Task SendQuietly(Stream stream, byte[] head, CancellationToken cancel)
    {
        try
        {
            await stream.WriteAsync(head, cancel).ConfigureAwait(false);
            await stream.FlushAsync(cancel).ConfigureAwait(false);
        }
        catch (Exception cut) when (cut is IOException or ObjectDisposedException)
        {
            // The server stopped taking the request (or the answer came and the connection closed): its answer decides.
        }
    }

    /// <summary>Reads up to the blank line after the headers, at most <see cref="MaxRawHeadBytes"/>.</summary>
    private static async Task<byte[]> ReadHead(Stream stream, CancellationToken cancel)
    {
        var buffer = new byte[MaxRawHeadBytes];
        var read = await ReadInto(stream, buffer, count => buffer.AsSpan(0, count).IndexOf("\r\n\r\n"u8) >= 0, cancel).ConfigureAwait(false);
        return buffer[..read];
    }

    private static (int Status, Dictionary<string, string> Headers)? Parse(byte[] head)
    {
        var lines = Encoding.Latin1.GetString(head).Split("\r\n");
        if (StatusLine().Match(lines[0]) is not { Success: true } status)
        {
            return null;
        }
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1).TakeWhile(line => line.Length > 0))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                var (name, value) = (line[..colon].Trim(), line[(colon + 1)..].Trim());
                headers[name] = headers.TryGetValue(name, out var existing) ? $"{existing}, {value}" : value;
            }
        }
        return (int.Parse(status.Groups[1].ValueSpan, CultureInfo.InvariantCulture), headers);
    }

    private static string Shown(string value) => value.Length <= ShownLength ? value : $"{value[..32]}...[{value.Length}]";

    private static string Seconds(TimeSpan span) => $"{span.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s";

    [GeneratedRegex(@"^HTTP/\d(?:\.\d)? (\d{3})(?: |$)", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex StatusLine();
}
