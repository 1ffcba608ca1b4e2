using System.Globalization;
using System.Text.RegularExpressions;
using ProdReady.Model;

namespace ProdReady.Probing.Probes;

/// <summary>
/// Anonymous GETs where an API usually answers (/api, /api/v1) and to the parameter-free GET operations of the
/// OpenAPI document. An operation the document marks secured that hands data to anyone is the worst finding a
/// probe can make; an unmarked API answering with data is only a question, since it may be public on purpose.
/// </summary>
public sealed partial class AuthProbe : IProbe
{
    public const int MaxOperations = 10;

    private static readonly string[] ConventionalPaths = ["/api", "/api/v1"];

    public string Id => "auth";


    public IReadOnlyList<string> Findings => ["auth.secured", "auth.unmarked", "auth.public", "auth"];

    public async Task<IReadOnlyList<ProbeFinding>> Run(ProbeContext context)
    {
        var document = (await context.OpenApi.ConfigureAwait(false)).Document;
        // Secured operations first: they are what the budget is best spent on; public ones cost no request.
        var operations = (document?.Operations ?? [])
            .Where(operation => operation is { Method: "GET", ParameterFree: true })
            .DistinctBy(operation => operation.Path)
            .OrderBy(operation => operation.Security switch { OperationSecurity.Secured => 0, OperationSecurity.Unspecified => 1, _ => 2 })
            .Take(MaxOperations)
            .ToList();
        var findings = new List<ProbeFinding>();
        foreach (var operation in operations)
        {
            if (operation.Security == OperationSecurity.Public)
            {
                findings.Add(new ProbeFinding("auth.public", ProbeVerdict.Pass, $"GET {operation.Path} is public by the document: not checked") { Severity = Priority.P3 });
                continue;
            }
            var exchange = await context.Get(operation.Path).ConfigureAwait(false);
            findings.Add(operation.Security == OperationSecurity.Secured ? Secured(context, operation.Path, exchange) : Unmarked(context, operation.Path, exchange, listed: true)!);
        }
        foreach (var path in ConventionalPaths.Where(path => !operations.Exists(operation => operation.Path == path)))
        {
            if (Unmarked(context, path, await context.Get(path).ConfigureAwait(false), listed: false) is { } finding)
            {
                findings.Add(finding);
            }
        }
        if (findings.Count == 0)
        {
            findings.Add(new ProbeFinding("auth", ProbeVerdict.Inconclusive, document is null
                ? "nothing to call anonymously: /api and /api/v1 were not found and there is no OpenAPI document (give one with --openapi)"
                : "nothing to call anonymously: /api and /api/v1 were not found and the OpenAPI document has no GET operation without parameters"));
        }
        return findings;
    }

    private static ProbeFinding Secured(ProbeContext context, string path, ProbeExchange exchange)
    {
        var request = $"GET {path}";
        if (Refused(path, exchange) is { } how)
        {
            return Finding("auth.secured", ProbeVerdict.Pass, $"{request} is marked secured and {how}", exchange);
        }
        if (HasData(context, exchange))
        {
            return Finding("auth.secured", ProbeVerdict.Fail, $"{request} is marked secured but answered {Status(exchange)} with data to an anonymous request", exchange, Priority.P0)
                with { Excerpt = Redaction.LineAt(exchange.Body, 0) };
        }
        return Finding("auth.secured", ProbeVerdict.Inconclusive, $"{request} is marked secured; it answered {Answer(context, exchange)} to an anonymous request, so could not tell", exchange);
    }

    /// <summary>An API the document does not mark. Null for a conventional path that is simply not there.</summary>
    private static ProbeFinding? Unmarked(ProbeContext context, string path, ProbeExchange exchange, bool listed)
    {
        var request = $"GET {path}";
        if (Refused(path, exchange) is { } how)
        {
            return Finding("auth.unmarked", ProbeVerdict.Pass, $"{request} {how}", exchange);
        }
        if (HasData(context, exchange))
        {
            return Finding("auth.unmarked", ProbeVerdict.Warn, $"{request} answered {Status(exchange)} with data to an anonymous request; confirm it is meant to be public", exchange, Priority.P2)
                with { Excerpt = Redaction.LineAt(exchange.Body, 0) };
        }
        if (!listed && (exchange.StatusCode is 404 or 410 || context.Baseline.Matches(exchange)))
        {
            return null;
        }
        return Finding("auth.unmarked", ProbeVerdict.Inconclusive, $"{request} answered {Answer(context, exchange)} to an anonymous request, so could not tell", exchange);
    }

    private static ProbeFinding Finding(string id, ProbeVerdict verdict, string message, ProbeExchange exchange, Priority severity = Priority.P1) =>
        new(id, verdict, message) { Exchanges = [exchange], Severity = severity };

    /// <summary>How the service turned an anonymous caller away, if it did: 401/403, or a same-host login page.</summary>
    private static string? Refused(string path, ProbeExchange exchange)
    {
        if (exchange.StatusCode is 401 or 403)
        {
            return $"refuses anonymous requests ({Status(exchange)})";
        }
        var landed = exchange.Url.AbsolutePath;
        return landed != path && LoginPath().IsMatch(landed) ? $"redirects anonymous requests to the login page {landed}" : null;
    }

    /// <summary>A real answer (not the catch-all page) with JSON that holds something.</summary>
    private static bool HasData(ProbeContext context, ProbeExchange exchange)
    {
        var body = exchange.Body.Trim();
        var json = exchange.Header("Content-Type")?.Contains("json", StringComparison.OrdinalIgnoreCase) == true || body.StartsWith('{') || body.StartsWith('[');
        return context.Found(exchange) && json && body is not ("" or "{}" or "[]" or "null" or "\"\"");
    }

    private static string Answer(ProbeContext context, ProbeExchange exchange) => exchange switch
    {
        { Status: null } => $"nothing ({exchange.Error})",
        { StatusCode: >= 300 and < 400 } when exchange.Header("Location") is { } location => $"{Status(exchange)} to {location} (another host: not followed)",
        { IsSuccess: true } when context.Baseline.Matches(exchange) => $"{Status(exchange)} with the page every unknown path gets",
        { IsSuccess: true } => $"{Status(exchange)} without JSON data",
        _ => Status(exchange),
    };

    private static string Status(ProbeExchange exchange) => exchange.StatusCode?.ToString(CultureInfo.InvariantCulture) ?? "nothing";

    [GeneratedRegex(@"log-?in|sign-?in|/sso\b|oauth|openid|/authorize\b|/auth\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking | RegexOptions.CultureInvariant)]
    private static partial Regex LoginPath();
}
