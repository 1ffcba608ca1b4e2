using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;

namespace ProdReady.Probing;

/// <summary>
/// The only way probes reach the target, and what keeps them safe: a request budget, a per-request timeout and an
/// overall deadline, bounded concurrency, bodies read up to a cap, redirects followed only on the same host,
/// Retry-After honoured, and a stop after repeated 5xx. Certificates are validated as any client would (plus the
/// roots given with --ca-file): a bad one makes the target unreachable, with the reason, unless --insecure.
/// </summary>
public sealed partial class ProbeClient : IDisposable
{
    private const int MaxRedirects = 5;

    private readonly HttpClient _http;
    private readonly SemaphoreSlim _slots;
    private readonly CancellationTokenSource _deadline;
    private readonly object _gate = new();
    private int _sent;
    private int _consecutiveServerErrors;
    private int _consecutiveThrottled;
    private ProbeExchange? _firstThrottled;
    private DateTimeOffset _notBefore = DateTimeOffset.MinValue;

    public ProbeClient(Uri target, ProbeOptions options)
    {
        Target = target;
        Options = options;
        _slots = new SemaphoreSlim(Math.Max(1, options.Concurrency));
        _deadline = new CancellationTokenSource(options.Deadline);
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = options.RequestTimeout,
            MaxConnectionsPerServer = Math.Max(1, options.AllowBurst ? Math.Max(options.Concurrency, BurstConcurrency) : options.Concurrency),
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = AcceptCertificate },
        };
        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public Uri Target { get; }
    public ProbeOptions Options { get; }

    /// <summary>Requests sent so far, redirects included.</summary>
    public int Sent => Volatile.Read(ref _sent);

    /// <summary>Why the run stopped sending, once it has: budget spent, deadline passed, the service failing.</summary>
    public string? StoppedBecause { get; private set; }

    public CancellationToken Deadline => _deadline.Token;

    /// <summary>The first 429 the service gave an ordinary (not burst) request: a rate limit seen without a burst.</summary>
    public ProbeExchange? FirstThrottled => Volatile.Read(ref _firstThrottled);

    public async Task<ProbeExchange> Send(ProbeRequest request)
    {
        var url = request.RawPath ? RawUrl(request.Path) : Resolve(request.Path);
        for (var hop = 0; ; hop++)
        {
            var exchange = await SendOnce(request, url, _slots).ConfigureAwait(false);
            if (!request.FollowRedirects || hop == MaxRedirects || exchange.StatusCode is not (301 or 302 or 303 or 307 or 308)
                || exchange.Header("Location") is not { } location || !Uri.TryCreate(url, location, out var next)
                || !string.Equals(next.Host, Target.Host, StringComparison.OrdinalIgnoreCase))
            {
                return exchange; // a redirect to another host is shown, never followed
            }
            url = next;
        }
    }

    private Uri Resolve(string path) => Uri.TryCreate(path, UriKind.Absolute, out var absolute) && absolute.Scheme.StartsWith("http", StringComparison.Ordinal)
        ? absolute : new Uri(Target, path);

    /// <summary>One request through the given concurrency slots (the normal ones, or a burst's own).</summary>
    private Task<ProbeExchange> SendOnce(ProbeRequest request, Uri url, SemaphoreSlim slots) => Bounded(
        () => Exchange(request, url, countThrottling: slots != _burstSlots),
        why => Evidence(request, url) with { Error = $"not sent: {why}" },
        slots);

    /// <summary>
    /// Runs one exchange within the bounds: a request from the budget, a concurrency slot, Retry-After waited out,
    /// the deadline kept. <paramref name="notSent"/> makes the answer when it cannot go, from the reason.
    /// </summary>
    private async Task<T> Bounded<T>(Func<Task<T>> exchange, Func<string, T> notSent, SemaphoreSlim slots)
    {
        if (Refusal() is { } refused)
        {
            return notSent(refused);
        }
        try
        {
            await slots.WaitAsync(_deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return notSent(Stop("the deadline passed"));
        }
        try
        {
            var wait = _notBefore - DateTimeOffset.UtcNow;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, _deadline.Token).ConfigureAwait(false);
            }
            return await exchange().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_deadline.IsCancellationRequested)
        {
            return notSent(Stop("the deadline passed"));
        }
        finally
        {
            slots.Release();
        }
    }

    /// <summary>Takes one request from the budget, or says why none is left.</summary>
    private string? Refusal()
    {
        lock (_gate)
        {
            if (StoppedBecause is not null)
            {
                return StoppedBecause;
            }
            if (_sent >= Options.RequestBudget)
            {
                return Stop($"the request budget ({Options.RequestBudget}) is spent");
            }
            _sent++;
            return null;
        }
    }

    private string Stop(string reason)
    {
        lock (_gate)
        {
            return StoppedBecause ??= reason;
        }
    }

    private async Task<ProbeExchange> Exchange(ProbeRequest request, Uri url, bool countThrottling)
    {
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), url);
        message.Headers.TryAddWithoutValidation("User-Agent", Options.UserAgent);
        foreach (var (name, value) in request.Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }
        AttachBody(message, request);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_deadline.Token);
        timeout.CancelAfter(Options.RequestTimeout);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            var (body, truncated) = await ReadBody(response, timeout.Token).ConfigureAwait(false);
            Observe((int)response.StatusCode, response.Headers.RetryAfter, countThrottling);
            var answer = Evidence(request, url) with
            {
                Status = response.StatusCode,
                Headers = HeadersOf(response),
                SetCookies = SetCookiesOf(response),
                Body = body,
                BodyTruncated = truncated,
                Elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started),
            };
            if (countThrottling && answer.StatusCode == 429)
            {
                Interlocked.CompareExchange(ref _firstThrottled, answer, null);
            }
            return answer;
        }
        catch (OperationCanceledException) when (!_deadline.IsCancellationRequested)
        {
            return Failed(request, url, started, $"no response within {Seconds(Options.RequestTimeout)}");
        }
        catch (HttpRequestException error)
        {
            return Failed(request, url, started, error.InnerException is AuthenticationException && RejectedCertificate is { } rejected ? rejected : Describe(error));
        }
    }

    private static ProbeExchange Failed(ProbeRequest request, Uri url, long started, string error) => Evidence(request, url) with
    {
        Elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started),
        Error = error,
    };

    /// <summary>
    /// Honours Retry-After (up to a bound), and counts 5xx and 429 answers in a row: a service that keeps
    /// throttling the probe (outside the rate-limit burst, which asks for it) would only answer 429 to every later
    /// check, so the run stops and says why instead of reading those answers as missing endpoints.
    /// </summary>
    private void Observe(int code, RetryConditionHeaderValue? retryAfter, bool countThrottling)
    {
        if (code != 429)
        {
            Interlocked.Exchange(ref _consecutiveThrottled, 0);
        }
        else if (countThrottling && Interlocked.Increment(ref _consecutiveThrottled) >= Options.MaxConsecutiveThrottled)
        {
            Stop($"the service answered 429 (rate limited) {Options.MaxConsecutiveThrottled} times in a row, so the probe stopped; later checks were not sent");
        }
        if (code is 429 or 503 && retryAfter is { } retry)
        {
            var wait = retry.Delta ?? (retry.Date is { } date ? date - DateTimeOffset.UtcNow : TimeSpan.Zero);
            var bounded = wait < Options.MaxRetryAfterWait ? wait : Options.MaxRetryAfterWait;
            lock (_gate)
            {
                var until = DateTimeOffset.UtcNow + bounded;
                _notBefore = until > _notBefore ? until : _notBefore;
            }
        }
        if (code < 500)
        {
            Interlocked.Exchange(ref _consecutiveServerErrors, 0);
            return;
        }
        var errors = Interlocked.Increment(ref _consecutiveServerErrors);
        if (errors >= Options.MaxConsecutiveServerErrors)
        {
            Stop($"{errors} server errors (5xx) in a row: the service is struggling, so the probe stopped");
        }
    }

    private async Task<(string Body, bool Truncated)> ReadBody(HttpResponseMessage response, CancellationToken cancel)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancel).ConfigureAwait(false);
        var buffer = new byte[Options.MaxBodyBytes + 1];
        var read = await ReadInto(stream, buffer, _ => false, cancel).ConfigureAwait(false);
        var truncated = read > Options.MaxBodyBytes;
        return (Encoding.UTF8.GetString(buffer, 0, Math.Min(read, Options.MaxBodyBytes)), truncated);
    }

    /// <summary>Reads until the buffer is full, the stream ends, or <paramref name="enough"/> says the bytes read so far are.</summary>
    private static async Task<int> ReadInto(Stream stream, byte[] buffer, Func<int, bool> enough, CancellationToken cancel)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var chunk = await stream.ReadAsync(buffer.AsMemory(read), cancel).ConfigureAwait(false);
            if (chunk == 0)
            {
                break;
            }
            read += chunk;
            if (enough(read))
            {
                break;
            }
        }
        return read;
    }

    private static Dictionary<string, string> HeadersOf(HttpResponseMessage response)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            headers[name] = headers.TryGetValue(name, out var existing) ? $"{existing}, {string.Join(", ", values)}" : string.Join(", ", values);
        }
        return headers;
    }

    /// <summary>One line for a failed connection: refused, unknown host, TLS.</summary>
    private static string Describe(Exception error) => error switch
    {
        HttpRequestException { InnerException: { } inner } => Describe(inner),
        SocketException { SocketErrorCode: SocketError.ConnectionRefused } => "connection refused",
        SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain } => "host not found (DNS)",
        SocketException socket => $"network error ({socket.SocketErrorCode})",
        AuthenticationException tls => $"TLS handshake failed: {tls.InnerException?.Message ?? tls.Message}",
        IOException io => $"connection closed: {io.Message}",
        _ => error.Message,
    };

    public void Dispose()
    {
        _http.Dispose();
        _slots.Dispose();
        _burstSlots.Dispose();
        _deadline.Dispose();
    }
}
