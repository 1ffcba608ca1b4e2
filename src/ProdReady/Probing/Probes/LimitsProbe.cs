using System.Globalization;
using ProdReady.Model;

namespace ProdReady.Probing.Probes;

/// <summary>
/// Oversized input, the way a careless or hostile client sends it: a declared 10 GB body behind Expect: 100-continue
/// (no body follows: the one request here that is not a GET, closed right after the answer), a 64 KB query string
/// and a 64 KB header. Refusing up front is right; reading, failing or hanging is not.
/// </summary>
public sealed class LimitsProbe : IProbe
{
    public const long DeclaredBodyBytes = 10L * 1024 * 1024 * 1024;

    public const int OversizedBytes = 64 * 1024;

    public string Id => "limits";


    public IReadOnlyList<string> Findings => ["limits.expect-continue", "limits.query", "limits.header"];

    public async Task<IReadOnlyList<ProbeFinding>> Run(ProbeContext context)
    {
        var client = context.Client;
        var path = context.Root.Url.AbsolutePath;
        var pad = new string('a', OversizedBytes);
        var expect = await client.SendRaw(new RawRequest
        {
            Method = "POST",
            PathAndQuery = path,
            Headers = new Dictionary<string, string>
            {
                ["Content-Type"] = "application/octet-stream",
                ["Content-Length"] = DeclaredBodyBytes.ToString(CultureInfo.InvariantCulture),
                ["Expect"] = "100-continue",
            },
        }).ConfigureAwait(false);
        var query = await client.SendRaw(new RawRequest { Method = "GET", PathAndQuery = $"{path}?prodready-pad={pad}" }).ConfigureAwait(false);
        var header = await client.SendRaw(new RawRequest { Method = "GET", PathAndQuery = path, Headers = new Dictionary<string, string> { ["X-ProdReady-Pad"] = pad } }).ConfigureAwait(false);
        return [ExpectContinue(expect), Oversized("limits.query", "a 64 KB query string", query), Oversized("limits.header", "a 64 KB header", header)];
    }

    private static ProbeFinding ExpectContinue(RawExchange exchange)
    {
        ProbeFinding Make(ProbeVerdict verdict, string message, Priority severity = Priority.P2) =>
            new("limits.expect-continue", verdict, message) { Exchanges = [exchange.Evidence], Severity = severity };
        var status = exchange.StatusCode;
        return exchange.Outcome switch
        {
            RawOutcome.Answered when status == 100 => Make(ProbeVerdict.Fail, "100 Continue to a declared 10 GB body: the server invites the upload before checking its size; refuse on Content-Length (a body size limit)"),
            RawOutcome.Answered when status is 413 or 417 => Make(ProbeVerdict.Pass, $"a declared 10 GB body is refused up front ({status})"),
            RawOutcome.Answered when status is >= 400 and < 500 => Make(ProbeVerdict.Pass, $"a declared 10 GB body is refused ({status}) without being read"),
            RawOutcome.Answered when status >= 500 => Make(ProbeVerdict.Warn, $"a declared 10 GB body gets {status} instead of 413: the limit is an error path", Priority.P3),
            RawOutcome.Answered => Make(ProbeVerdict.Inconclusive, $"answered {status} without asking for the body, so no body limit could be seen"),
            RawOutcome.TimedOut => Make(ProbeVerdict.Warn, $"no answer to a declared 10 GB body ({exchange.Evidence.Error}): the server waits for the body and holds the connection, a slow-loris shape"),
            RawOutcome.Closed => Make(ProbeVerdict.Pass, "a declared 10 GB body makes the server close the connection without reading it"),
            _ => Make(ProbeVerdict.Inconclusive, $"could not tell: {exchange.Evidence.Error}"),
        };
    }

    /// <summary>
    /// A hang fails: every such request holds a connection and the client learns nothing. A close only warns: the input
    /// was refused, but clients see a network error rather than 414 or 431.
    /// </summary>
    private static ProbeFinding Oversized(string id, string what, RawExchange exchange)
    {
        ProbeFinding Make(ProbeVerdict verdict, string message, Priority severity = Priority.P2) =>
            new(id, verdict, message) { Exchanges = [exchange.Evidence], Severity = severity };
        var status = exchange.StatusCode;
        return exchange.Outcome switch
        {
            RawOutcome.Answered when status is 400 or 413 or 414 or 431 => Make(ProbeVerdict.Pass, $"{what} is refused ({status})"),
            RawOutcome.Answered when status >= 500 => Make(ProbeVerdict.Fail, $"{what} makes the server fail ({status}) instead of refusing it with 414 or 431"),
            RawOutcome.Answered => Make(ProbeVerdict.Warn, $"{what} is accepted ({status}): limits are above that", Priority.P3),
            RawOutcome.TimedOut => Make(ProbeVerdict.Fail, $"no answer to {what} ({exchange.Evidence.Error}): the connection hangs instead of a 414 or 431"),
            RawOutcome.Closed => Make(ProbeVerdict.Warn, $"{what} makes the server close the connection without an answer: refused, but clients see a network error, not 414 or 431", Priority.P3),
            _ => Make(ProbeVerdict.Inconclusive, $"could not tell: {exchange.Evidence.Error}"),
        };
    }
}
