using System.Globalization;
using ProdReady.Model;

namespace ProdReady.Probing.Probes;

/// <summary>
/// TRACE must not echo the request (cross-site tracing: the echo carries cookies and Authorization), and OPTIONS
/// shows which verbs the root accepts, where TRACE or CONNECT have no business.
/// </summary>
public sealed class MethodsProbe : IProbe
{
    /// <summary>A header only this probe sends, so an echo of it cannot be anything else.</summary>
    public const string MarkerHeader = "X-ProdReady-Trace";

    private static readonly string[] RiskyVerbs = ["TRACE", "CONNECT"];

    public string Id => "methods";


    public IReadOnlyList<string> Findings => ["methods.trace", "methods.options"];

    public async Task<IReadOnlyList<ProbeFinding>> Run(ProbeContext context)
    {
        var marker = Guid.NewGuid().ToString("N");
        var trace = await context.Client.Send(new ProbeRequest("TRACE", "/")
        {
            Headers = new Dictionary<string, string> { [MarkerHeader] = marker },
            FollowRedirects = false,
        }).ConfigureAwait(false);
        var options = await context.Client.Send(new ProbeRequest("OPTIONS", "/") { FollowRedirects = false }).ConfigureAwait(false);
        return [Trace(trace, marker), Options(options)];
    }

    private static ProbeFinding Trace(ProbeExchange trace, string marker)
    {
        ProbeFinding Make(ProbeVerdict verdict, string message) => new("methods.trace", verdict, message) { Exchanges = [trace] };
        if (trace.Status is null)
        {
            return Make(ProbeVerdict.Inconclusive, $"no answer to TRACE /: {trace.Error}");
        }
        var status = trace.StatusCode!.Value.ToString(CultureInfo.InvariantCulture);
        var echo = trace.Body.IndexOf(marker, StringComparison.Ordinal) is >= 0 and var at ? at : trace.Body.IndexOf("TRACE /", StringComparison.Ordinal);
        if (trace.IsSuccess && echo >= 0)
        {
            return Make(ProbeVerdict.Fail, $"TRACE / answered {status} echoing the request: cookies and Authorization sent with it can be read back (cross-site tracing)")
                with { Excerpt = Redaction.LineAt(trace.Body, echo), Severity = Priority.P2 };
        }
        return trace.StatusCode switch
        {
            < 300 => Make(ProbeVerdict.Pass, $"TRACE / answered {status} without echoing the request"),
            < 500 or 501 => Make(ProbeVerdict.Pass, $"TRACE / is refused ({status})"),
            _ => Make(ProbeVerdict.Inconclusive, $"TRACE / answered {status}, so could not tell"),
        };
    }

    private static ProbeFinding Options(ProbeExchange options)
    {
        var (header, value) = options.Header("Allow") is { } allow ? ("Allow", allow)
            : options.Header("Access-Control-Allow-Methods") is { } cors ? ("Access-Control-Allow-Methods", cors) : (null, null);
        ProbeFinding Make(ProbeVerdict verdict, string message) =>
            new("methods.options", verdict, message) { Exchanges = [options], Excerpt = header is null ? null : $"{header}: {value}" };
        if (value is null)
        {
            return Make(ProbeVerdict.Inconclusive, $"OPTIONS / answered {options.StatusCode?.ToString(CultureInfo.InvariantCulture) ?? options.Error} without an Allow header");
        }
        var verbs = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(verb => verb.ToUpperInvariant()).ToList();
        var risky = verbs.Intersect(RiskyVerbs).ToList();
        return risky.Count == 0
            ? Make(ProbeVerdict.Pass, $"/ allows {string.Join(", ", verbs)}")
            : Make(ProbeVerdict.Warn, $"/ allows {string.Join(" and ", risky)} ({string.Join(", ", verbs)}): turn off verbs the service does not use");
    }
}
