using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ProdReady.Model;

namespace ProdReady.Probing.Probes;

/// <summary>
/// What anyone on the internet can read without signing in: metrics, and admin or debug endpoints (Spring actuator,
/// .env, .git, pprof, server-status, ELMAH, profilers, consoles). A path counts only when it answers for real (not the
/// catch-all page) and its body is what that endpoint serves, so a server answering 200 to everything shows nothing.
/// </summary>
public sealed partial class ExposureProbe : IProbe
{
    /// <summary>
    /// An admin or debug endpoint: where it lives, what it gives away, how to recognise its answer (where in the body it
    /// shows itself, or -1), and whether it hands out secrets.
    /// </summary>
    private sealed record Endpoint(string Path, string Name, string Risk, Func<ProbeExchange, int> Identify, bool Secrets, string Method = "GET");

    private static readonly string[] MetricsPaths = ["/metrics", "/prometheus", "/stats", "/debug/vars"];

    private static readonly Endpoint[] AdminPaths =
    [
        new("/.env", "a .env file", "credentials for what the service connects to", exchange => FirstIndex(EnvLine(), exchange.Body), Secrets: true),
        new("/.git/config", "the git repository", "the source code and its history, secrets ever committed included",
            exchange => exchange.Body.IndexOf("[core]", StringComparison.Ordinal), Secrets: true),
        new("/phpinfo.php", "phpinfo()", "every environment variable, credentials among them",
            exchange => exchange.Body.Contains("phpinfo()", StringComparison.Ordinal) ? exchange.Body.IndexOf("PHP Version", StringComparison.Ordinal) : -1, Secrets: true),
        new("/debug/pprof/", "the Go pprof profiler", "profiles of the live process, and CPU profiling on demand slows it",
            exchange => IndexOfAny(exchange.Body, "Types of profiles available", "goroutine"), Secrets: false),
        new("/server-status", "Apache server-status", "client addresses and the URLs being served",
            exchange => exchange.Body.IndexOf("Apache Server Status", StringComparison.Ordinal), Secrets: false),
        new("/elmah.axd", "the ELMAH error log", "every logged exception with its request's cookies and headers",
            exchange => IndexOfAny(exchange.Body, "Error log for", "ELMAH"), Secrets: false),
        new("/_profiler", "the Symfony profiler", "past requests with their headers, queries and configuration",
            exchange => IndexOfAny(exchange.Body, "Symfony Profiler", "sf-toolbar"), Secrets: false),
        new("/console", "an interactive console (Werkzeug or H2)", "code or SQL run on the server",
            exchange => IndexOfAny(exchange.Body, "Interactive Console", "H2 Console"), Secrets: false),
        new("/h2-console", "the H2 database console", "SQL run against the database",
            exchange => exchange.Body.IndexOf("H2 Console", StringComparison.Ordinal), Secrets: false),
    ];

    /// <summary>
    /// Spring Boot actuator endpoints, requested only when the actuator index lists them: it lists exactly what is
    /// exposed over HTTP, and a heap dump is never asked for unless it is there (even HEAD makes the JVM write one).
    /// </summary>
    private static readonly Endpoint[] ActuatorPaths =
    [
        new("/actuator/env", "Spring actuator env", "the configuration and environment, secrets unless every key is masked",
            exchange => IndexOfAny(exchange.Body, "\"activeProfiles\"", "\"propertySources\""), Secrets: true),
        new("/actuator/heapdump", "a Spring actuator heap dump", "the process memory, with its secrets, tokens and user data", HeapDump, Secrets: true, Method: "HEAD"),
        new("/actuator/configprops", "Spring actuator configprops", "the configuration of every bean",
            exchange => exchange.Body.Contains("\"prefix\"", StringComparison.Ordinal) ? exchange.Body.IndexOf("\"contexts\"", StringComparison.Ordinal) : -1, Secrets: false),
        new("/actuator/threaddump", "Spring actuator threaddump", "what every thread is running, class by class",
            exchange => exchange.Body.IndexOf("\"threadName\"", StringComparison.Ordinal), Secrets: false),
    ];

    private const int ExcerptLength = 60;

    /// <summary>A heap of at least this size, when the server does not say octet-stream.</summary>
    private const long HeapDumpMinimumBytes = 1024 * 1024;

    public string Id => "exposure";


    public IReadOnlyList<string> Findings => ["exposure.metrics", "exposure.debug", "exposure.secrets", "exposure"];

    public async Task<IReadOnlyList<ProbeFinding>> Run(ProbeContext context)
    {
        var index = await context.Get("/actuator").ConfigureAwait(false);
        var listed = context.Found(index) ? ActuatorLinks(index.Body) : [];
        var metricsPaths = listed.Contains("prometheus") ? [.. MetricsPaths, "/actuator/prometheus"] : MetricsPaths;
        var admin = AdminPaths.Concat(ActuatorPaths.Where(endpoint => listed.Contains(endpoint.Path["/actuator/".Length..]))).ToList();

        // The client bounds concurrency; asking for all at once lets it use its slots.
        var metricsAnswers = await Task.WhenAll(metricsPaths.Select(context.Get)).ConfigureAwait(false);
        var adminAnswers = await Task.WhenAll(admin.Select(endpoint => context.Client.Send(new ProbeRequest(endpoint.Method, endpoint.Path)))).ConfigureAwait(false);
        var metrics = metricsAnswers.Where(exchange => context.Found(exchange) && MetricsMarker(exchange.Body) >= 0).ToList();
        var exposed = admin.Zip(adminAnswers, (endpoint, exchange) => (Endpoint: endpoint, Exchange: exchange, At: Identify(context, endpoint, exchange)))
            .Where(hit => hit.At >= 0).ToList();
        var answered = index.Status is not null || metricsAnswers.Concat(adminAnswers).Any(exchange => exchange.Status is not null);
        if (!answered)
        {
            return [new ProbeFinding("exposure", ProbeVerdict.Inconclusive, $"no answer to read exposure from: {index.Error}") { Exchanges = [index] }];
        }
        return
        [
            Metrics(metrics, metricsPaths.Length),
            .. Exposed("exposure.secrets", exposed.Where(hit => hit.Endpoint.Secrets), admin.Count(endpoint => endpoint.Secrets), Priority.P0),
            .. Exposed("exposure.debug", exposed.Where(hit => !hit.Endpoint.Secrets), admin.Count(endpoint => !endpoint.Secrets), Priority.P1),
        ];
    }

    /// <summary>Where the answer shows it is the endpoint, or -1.</summary>
    private static int Identify(ProbeContext context, Endpoint endpoint, ProbeExchange exchange)
    {
        // A HEAD answer has no body to compare with the catch-all page; the heap dump check reads its headers instead.
        var answers = endpoint.Method == "HEAD" ? exchange.IsSuccess : context.Found(exchange);
        return answers ? endpoint.Identify(exchange) : -1;
    }

    private static ProbeFinding Metrics(List<ProbeExchange> found, int checkedPaths) => found.Count == 0
        ? new ProbeFinding("exposure.metrics", ProbeVerdict.Pass, $"no metrics served anonymously ({checkedPaths} usual paths checked)")
        : new ProbeFinding("exposure.metrics", ProbeVerdict.Warn,
            $"metrics are public at {string.Join(", ", found.Select(exchange => exchange.Url.AbsolutePath))}: they show internals and cost to scrape; serve them on an internal port or behind auth")
        {
            Exchanges = found,
            Excerpt = Redaction.LineAt(found[0].Body, MetricsMarker(found[0].Body)),
            Severity = Priority.P2,
        };

    private static IEnumerable<ProbeFinding> Exposed(string id, IEnumerable<(Endpoint Endpoint, ProbeExchange Exchange, int At)> hits, int checkedPaths, Priority severity)
    {
        var any = false;
        foreach (var (endpoint, exchange, at) in hits)
        {
            any = true;
            yield return new ProbeFinding(id, ProbeVerdict.Fail, $"{endpoint.Name} is public at {exchange.Url.AbsolutePath}: {endpoint.Risk}")
            { Exchanges = [exchange], Excerpt = Excerpt(endpoint, exchange, at), Severity = severity };
        }
        if (!any)
        {
            yield return new ProbeFinding(id, ProbeVerdict.Pass, $"none of {checkedPaths} {(id == "exposure.secrets" ? "secret-bearing" : "admin and debug")} paths answers anonymously");
        }
    }

    /// <summary>
    /// The identifying text, never a secret: a .env line shows only its name, a HEAD its headers, anything else what
    /// follows the marker on its line (a JSON endpoint is one long line of values), shortened and redacted.
    /// </summary>
    private static string Excerpt(Endpoint endpoint, ProbeExchange exchange, int at)
    {
        if (endpoint.Method == "HEAD")
        {
            return $"Content-Type: {exchange.Header("Content-Type")}; Content-Length: {exchange.Header("Content-Length")}";
        }
        var end = exchange.Body.IndexOf('\n', at);
        var line = exchange.Body[at..(end < 0 ? exchange.Body.Length : end)].Trim();
        if (endpoint.Path == "/.env")
        {
            return $"{line[..line.IndexOf('=', StringComparison.Ordinal)].Trim()}=***";
        }
        return Redaction.Redact(line.Length > ExcerptLength ? line[..ExcerptLength] + "…" : line);
    }

    /// <summary>
    /// Where a body shows it is metrics, or -1: a Prometheus "# HELP"/"# TYPE" line, or Go expvar JSON ("memstats" before
    /// "cmdline", whose flags may hold secrets).
    /// </summary>
    private static int MetricsMarker(string body) => FirstIndex(PrometheusLine(), body) is >= 0 and var line ? line
        : !body.TrimStart().StartsWith('{') ? -1
        : body.IndexOf("\"memstats\"", StringComparison.Ordinal) is >= 0 and var memstats ? memstats
        : body.IndexOf("\"cmdline\"", StringComparison.Ordinal);

    private static int HeapDump(ProbeExchange exchange)
    {
        var type = exchange.Header("Content-Type") ?? "";
        var length = long.TryParse(exchange.Header("Content-Length"), NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) ? bytes : 0;
        return type.Contains("octet-stream", StringComparison.OrdinalIgnoreCase)
            || (length >= HeapDumpMinimumBytes && !type.Contains("html", StringComparison.OrdinalIgnoreCase) && !type.Contains("json", StringComparison.OrdinalIgnoreCase))
            ? 0 : -1;
    }

    /// <summary>The endpoint names an actuator index links to ("env", "heapdump"), or none when it is not one.</summary>
    private static HashSet<string> ActuatorLinks(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement is { ValueKind: JsonValueKind.Object } root && root.TryGetProperty("_links", out var links) && links.ValueKind == JsonValueKind.Object
                ? [.. links.EnumerateObject().Select(link => link.Name)]
                : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static int FirstIndex(Regex regex, string text) => regex.Match(text) is { Success: true } match ? match.Index : -1;

    private static int IndexOfAny(string text, params string[] markers) =>
        markers.Select(marker => text.IndexOf(marker, StringComparison.Ordinal)).Where(index => index >= 0).DefaultIfEmpty(-1).Min();

    /// <summary>A dotenv line: an upper-case name, '=', a value (optionally after "export ").</summary>
    [GeneratedRegex(@"^[ \t]*(?:export[ \t]+)?[A-Z][A-Z0-9_]*[ \t]*=", RegexOptions.Multiline | RegexOptions.NonBacktracking | RegexOptions.CultureInvariant)]
    private static partial Regex EnvLine();

    [GeneratedRegex(@"^# (?:HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* ", RegexOptions.Multiline | RegexOptions.NonBacktracking | RegexOptions.CultureInvariant)]
    private static partial Regex PrometheusLine();
}
