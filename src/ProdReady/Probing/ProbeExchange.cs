using System.Globalization;
using System.Net;

namespace ProdReady.Probing;

/// <summary>One request the probe sent and what came back: the exact evidence behind a verdict.</summary>
public sealed record ProbeExchange
{
    public required string Method { get; init; }
    public required Uri Url { get; init; }

    /// <summary>Headers the probe set beyond the defaults (Origin, Expect, ...), to show the exact request.</summary>
    public IReadOnlyDictionary<string, string> RequestHeaders { get; init; } = new Dictionary<string, string>();

    /// <summary>The body the probe sent, for the two probes that send one (errors, limits).</summary>
    public string? RequestBody { get; init; }

    /// <summary>Null when no response came (refused, timed out); then <see cref="Error"/> says why.</summary>
    public HttpStatusCode? Status { get; init; }

    /// <summary>Response and content headers, names case-insensitive, repeated values joined with ", ".</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Each Set-Cookie header on its own: joined with ", " they could not be split again (Expires has a comma).</summary>
    public IReadOnlyList<string> SetCookies { get; init; } = [];

    /// <summary>The body as text, at most the configured number of bytes.</summary>
    public string Body { get; init; } = "";

    public bool BodyTruncated { get; init; }
    public TimeSpan Elapsed { get; init; }
    public string? Error { get; init; }

    public int? StatusCode => Status is { } status ? (int)status : null;

    public bool IsSuccess => StatusCode is >= 200 and < 300;

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>"GET /health → 200 (12 ms)".</summary>
    public string Summary =>
        $"{Method} {Url.PathAndQuery}{string.Concat(RequestHeaders.Select(h => $" [{h.Key}: {h.Value}]"))}{(RequestBody is null ? "" : $" [body: {RequestBody}]")} → {(StatusCode is { } code ? code.ToString(CultureInfo.InvariantCulture) : Error)} ({Elapsed.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms)";

}
