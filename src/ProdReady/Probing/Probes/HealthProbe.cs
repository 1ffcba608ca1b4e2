using System.Globalization;
using System.Text.RegularExpressions;
using ProdReady.Model;

namespace ProdReady.Probing.Probes;

/// <summary>
/// Finds liveness and readiness endpoints across conventions, then checks what they say: no leaked connection
/// strings, hosts or exception text; no 2xx with an unhealthy body; and the latency of a few repeated calls.
/// </summary>
public sealed partial class HealthProbe : IProbe
{
    private static readonly string[] LivenessPaths = ["/livez", "/health/live", "/health/liveness", "/alive", "/actuator/health/liveness", "/q/health/live", "/healthz/live"];
    private static readonly string[] ReadinessPaths = ["/readyz", "/health/ready", "/health/readiness", "/ready", "/actuator/health/readiness", "/q/health/ready", "/healthz/ready"];

    /// <summary>One endpoint for both, when nothing more specific answers.</summary>
    private static readonly string[] GeneralPaths = ["/health", "/healthz", "/actuator/health", "/ping", "/status"];

    private const int LatencySamples = 5;

    public string Id => "health";


    public IReadOnlyList<string> Findings => ["health.liveness", "health.readiness", "health.separate", "health.leak", "health.truthful", "health.latency"];

    public async Task<IReadOnlyList<ProbeFinding>> Run(ProbeContext context)
    {
        var given = context.Options.HealthPath is { } path ? await context.Get(path).ConfigureAwait(false) : null;
        var (liveness, livenessCut) = await FirstFound(context, LivenessPaths).ConfigureAwait(false);
        var (readiness, readinessCut) = await FirstFound(context, ReadinessPaths).ConfigureAwait(false);
        var (general, generalCut) = given is not null && context.Found(given) ? (given, null)
            : liveness is null || readiness is null ? await FirstFound(context, GeneralPaths).ConfigureAwait(false) : (null, null);
        var findings = new List<ProbeFinding>
        {
            Endpoint("health.liveness", "liveness", liveness ?? general, given, livenessCut ?? generalCut),
            Endpoint("health.readiness", "readiness", readiness ?? general, given, readinessCut ?? generalCut),
        };
        if (liveness is null && readiness is null && general is not null)
        {
            findings.Add(new ProbeFinding("health.separate", ProbeVerdict.Warn,
                $"one endpoint ({general.Url.AbsolutePath}) serves both liveness and readiness: a restart loop follows when a dependency is down")
            { Exchanges = [general] });
        }
        foreach (var found in new[] { liveness, readiness, general }.OfType<ProbeExchange>().DistinctBy(exchange => exchange.Url))
        {
            findings.AddRange(Body(found));
        }
        // Time an endpoint that says "up": repeating a 503 (not ready) times the dependency check, not the service,
        // and its 5xx in a row would stop the whole run.
        if (new[] { readiness, general, liveness }.FirstOrDefault(exchange => exchange is { IsSuccess: true }) is { } timed)
        {
            findings.Add(await Latency(context, timed).ConfigureAwait(false));
        }
        return findings;
    }

    /// <summary>The first path that answers, or none; and the exchange that cut the search short, if one did.</summary>
    private static async Task<(ProbeExchange? Found, ProbeExchange? CutShort)> FirstFound(ProbeContext context, IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            var exchange = await context.Get(path).ConfigureAwait(false);
            // 503 from a readiness endpoint is an answer too: it exists and says "not ready".
            if (context.Found(exchange) || exchange.StatusCode == 503)
            {
                return (exchange, null);
            }
            if (exchange.Status is null || exchange.StatusCode == 429)
            {
                return (null, exchange); // no answer, budget spent or throttled: the path may well exist
            }
        }
        return (null, null);
    }

    private static ProbeFinding Endpoint(string id, string kind, ProbeExchange? found, ProbeExchange? given, ProbeExchange? cutShort) => found is not null
        ? new ProbeFinding(id, ProbeVerdict.Pass, $"{kind} endpoint answers at {found.Url.AbsolutePath}") { Exchanges = [found], Severity = Priority.P0 }
        : cutShort is not null
        ? new ProbeFinding(id, ProbeVerdict.Inconclusive, $"could not look for a {kind} endpoint: {cutShort.Url.AbsolutePath} → {cutShort.StatusCode?.ToString(CultureInfo.InvariantCulture) ?? cutShort.Error}") { Exchanges = [cutShort] }
        : new ProbeFinding(id, ProbeVerdict.Fail, given is null
            ? $"no {kind} endpoint answers at the usual paths (give one with --health-path)"
            : $"no {kind} endpoint: {given.Url.AbsolutePath} answered {given.StatusCode?.ToString(CultureInfo.InvariantCulture) ?? given.Error}")
        { Exchanges = given is null ? [] : [given], Severity = Priority.P0 };

    /// <summary>What a health body must not say: secrets and internals, or "unhealthy" under a 2xx.</summary>
    private static IEnumerable<ProbeFinding> Body(ProbeExchange exchange)
    {
        if (Leak().Match(exchange.Body) is { Success: true } leak)
        {
            yield return new ProbeFinding("health.leak", ProbeVerdict.Fail,
                $"{exchange.Url.AbsolutePath} shows internals to anyone: {Describe(leak)}")
            { Exchanges = [exchange], Excerpt = Redaction.LineAt(exchange.Body, leak.Index), Severity = Priority.P1 };
        }
        if (exchange.IsSuccess && Unhealthy().Match(exchange.Body) is { Success: true } unhealthy)
        {
            yield return new ProbeFinding("health.truthful", ProbeVerdict.Fail,
                $"{exchange.Url.AbsolutePath} answers {exchange.StatusCode} while its body says unhealthy: orchestrators and load balancers read only the status")
            { Exchanges = [exchange], Excerpt = Redaction.LineAt(exchange.Body, unhealthy.Index), Severity = Priority.P1 };
        }
    }

    private static string Describe(Match leak) => leak.Groups["conn"].Success ? "a connection string"
        : leak.Groups["url"].Success ? "a datastore URL with its host"
        : leak.Groups["ip"].Success ? "an internal address"
        : "exception text";

    private static async Task<ProbeFinding> Latency(ProbeContext context, ProbeExchange endpoint)
    {
        var samples = new List<ProbeExchange>();
        for (var i = 0; i < LatencySamples; i++)
        {
            var exchange = await context.Get(endpoint.Url.PathAndQuery).ConfigureAwait(false);
            if (exchange.Status is null)
            {
                break;
            }
            samples.Add(exchange);
        }
        if (samples.Count < 3)
        {
            return new ProbeFinding("health.latency", ProbeVerdict.Inconclusive, "too few answers to measure latency") { Exchanges = samples };
        }
        var sorted = samples.Select(sample => sample.Elapsed.TotalMilliseconds).Order().ToList();
        var p95 = sorted[(int)Math.Ceiling(0.95 * sorted.Count) - 1];
        var figures = $"p95 {p95.ToString("0", CultureInfo.InvariantCulture)} ms over {sorted.Count} calls (median {sorted[sorted.Count / 2].ToString("0", CultureInfo.InvariantCulture)} ms)";
        return p95 <= context.Options.SlowHealth.TotalMilliseconds
            ? new ProbeFinding("health.latency", ProbeVerdict.Pass, $"{endpoint.Url.AbsolutePath}: {figures}") { Exchanges = samples }
            : new ProbeFinding("health.latency", ProbeVerdict.Warn, $"{endpoint.Url.AbsolutePath} is slow: {figures}; probes time out and restart healthy pods") { Exchanges = samples };
    }

    [GeneratedRegex(@"(?<conn>(?:Server|Host|Data Source|User ID|Password|Pwd)\s*=\s*[^;""\s]+\s*;)|(?<url>\b(?:postgres(?:ql)?|mysql|mongodb(?:\+srv)?|redis|amqp|sqlserver)://[^\s""']+)|(?<ip>\b(?:10|127|192\.168|172\.(?:1[6-9]|2\d|3[01]))(?:\.\d{1,3}){2,3}(?::\d+)?\b)|(?<trace>\b\w+(?:\.\w+)*Exception\b|Traceback \(most recent call last\)|\bat [\w.$]+\([\w.]+:\d+\))", RegexOptions.IgnoreCase, 1000)]
    private static partial Regex Leak();

    [GeneratedRegex(@"""status""\s*:\s*""(?:down|unhealthy|fail(?:ed|ing)?|error|out_of_service)""|^\s*unhealthy\s*$", RegexOptions.IgnoreCase | RegexOptions.Multiline, 1000)]
    private static partial Regex Unhealthy();
}
