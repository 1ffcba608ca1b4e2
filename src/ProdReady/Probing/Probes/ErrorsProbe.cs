using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using ProdReady.Model;

namespace ProdReady.Probing.Probes;

/// <summary>
/// Malformed input as a careless client or an attacker sends it: an unknown path, bad percent-encoding, and a broken
/// JSON body. The answers must leak no stack trace or framework internals, must be a 4xx (a 5xx means the input
/// reached code that threw), and should have one machine-readable shape (problem+json, or at least JSON).
/// </summary>
public sealed partial class ErrorsProbe : IProbe
{
    /// <summary>A truncated escape that is also invalid UTF-8: trips both the URL decoder and the UTF-8 decoder.</summary>
    public const string BadEncodingPath = "/%E0%A4%A";

    /// <summary>No parser accepts it, so no handler can act on it: why this POST is safe to send.</summary>
    public const string BrokenJson = "{\"";

    public string Id => "errors";


    public IReadOnlyList<string> Findings => ["errors.stack-trace", "errors.status", "errors.structured", "errors"];

    public async Task<IReadOnlyList<ProbeFinding>> Run(ProbeContext context)
    {
        var unknown = await context.Get($"/prodready-missing-{Guid.NewGuid():N}").ConfigureAwait(false);
        var badEncoding = await context.Client.Send(ProbeRequest.Get(BadEncodingPath) with { RawPath = true }).ConfigureAwait(false);
        var brokenJson = await context.Client.Send(new ProbeRequest("POST", context.Root.Url.PathAndQuery)
        {
            Body = BrokenJson,
            ContentType = "application/json",
            FollowRedirects = false,
        }).ConfigureAwait(false);
        var answered = new[] { (Exchange: unknown, Input: "an unknown path"), (Exchange: badEncoding, Input: "bad percent-encoding"), (Exchange: brokenJson, Input: "a broken JSON body") }
            .Where(sent => sent.Exchange.Status is not null).ToList();
        if (answered.Count == 0)
        {
            return [new ProbeFinding("errors", ProbeVerdict.Inconclusive, $"no answer to malformed requests: {unknown.Error}") { Exchanges = [unknown] }];
        }
        return [.. StackTraces(answered), Status(answered), Structure(context.Root, [.. answered.Select(sent => sent.Exchange)])];
    }

    private static IEnumerable<ProbeFinding> StackTraces(List<(ProbeExchange Exchange, string Input)> answered)
    {
        var leaks = answered
            .Select(sent => (sent.Exchange, sent.Input, Text: Readable(sent.Exchange)))
            .Select(sent => (sent.Exchange, sent.Input, sent.Text, Leak: Leak().Match(sent.Text)))
            .Where(sent => sent.Leak.Success)
            .Select(sent => new ProbeFinding("errors.stack-trace", ProbeVerdict.Fail,
                $"{sent.Input} got {sent.Exchange.StatusCode} with a {Stack(sent.Leak)}: file paths, frameworks and versions are a map for the next attack")
            { Exchanges = [sent.Exchange], Excerpt = Redaction.LineAt(sent.Text, sent.Leak.Index), Severity = Priority.P1 })
            .ToList();
        return leaks.Count > 0 ? leaks
            : [new ProbeFinding("errors.stack-trace", ProbeVerdict.Pass, $"no stack trace or framework internals in {answered.Count} answers to malformed input")
                { Exchanges = [.. answered.Select(sent => sent.Exchange)] }];
    }

    /// <summary>
    /// A 5xx for a client's mistake is a fail: the input reached code that threw, the client is told to retry what can
    /// never succeed, and every such request burns the error budget and pages someone. 501 and 503 are left out: they
    /// say "not supported" and "overloaded", not "crashed".
    /// </summary>
    private static ProbeFinding Status(List<(ProbeExchange Exchange, string Input)> answered)
    {
        var crashed = answered.Where(sent => sent.Exchange.StatusCode is >= 500 and not (501 or 503)).ToList();
        var statuses = string.Join(", ", answered.Select(sent => sent.Exchange.StatusCode?.ToString(CultureInfo.InvariantCulture)));
        return crashed.Count == 0
            ? new ProbeFinding("errors.status", ProbeVerdict.Pass, $"no malformed request got a 5xx (answers: {statuses})") { Exchanges = [.. answered.Select(sent => sent.Exchange)] }
            : new ProbeFinding("errors.status", ProbeVerdict.Fail,
                $"{string.Join(" and ", crashed.Select(sent => $"{sent.Input} got {sent.Exchange.StatusCode}"))}: malformed input reaches code that throws; a client mistake must be a 4xx")
            { Exchanges = [.. crashed.Select(sent => sent.Exchange)], Severity = Priority.P2 };
    }

    private static ProbeFinding Structure(ProbeExchange root, List<ProbeExchange> answered)
    {
        var errors = answered.Where(exchange => exchange.StatusCode >= 400).ToList();
        if (errors.Count == 0)
        {
            return new ProbeFinding("errors.structured", ProbeVerdict.Inconclusive, "no malformed request got an error status, so there is no error shape to judge") { Exchanges = answered };
        }
        if (errors.All(IsProblemJson))
        {
            return new ProbeFinding("errors.structured", ProbeVerdict.Pass, "errors are application/problem+json (RFC 9457)") { Exchanges = errors };
        }
        if (errors.All(IsJson))
        {
            return new ProbeFinding("errors.structured", ProbeVerdict.Pass, "errors are consistent JSON (application/problem+json would make them standard)") { Exchanges = errors };
        }
        if (!IsJson(root) && !errors.Any(IsJson))
        {
            return new ProbeFinding("errors.structured", ProbeVerdict.Inconclusive, "the target does not answer JSON, so its errors are not judged as an API's") { Exchanges = errors };
        }
        var unstructured = errors.Where(exchange => !IsJson(exchange)).ToList();
        return new ProbeFinding("errors.structured", ProbeVerdict.Warn,
            $"the API answers JSON but these errors are not: {string.Join(", ", unstructured.Select(Shape).Distinct())}; clients cannot parse them (use application/problem+json)")
        { Exchanges = unstructured, Excerpt = unstructured[0].Header("Content-Type") is { } type ? $"Content-Type: {type}" : null, Severity = Priority.P2 };
    }

    private static bool IsProblemJson(ProbeExchange exchange) => exchange.Header("Content-Type")?.Contains("problem+json", StringComparison.OrdinalIgnoreCase) == true;

    private static bool IsJson(ProbeExchange exchange) => exchange.Header("Content-Type")?.Contains("json", StringComparison.OrdinalIgnoreCase) == true;

    private static string Shape(ProbeExchange exchange) => string.IsNullOrWhiteSpace(exchange.Body)
        ? $"{exchange.StatusCode} with an empty body"
        : $"{exchange.StatusCode} {exchange.Header("Content-Type")?.Split(';')[0].Trim() ?? "without a Content-Type"}";

    /// <summary>
    /// The body as a person reads it, so one set of signatures fits every format: JSON string values unescaped (a
    /// "trace" field's \n\tat lines become lines), HTML with tags removed and entities decoded (Express writes stack
    /// frames as "&lt;br&gt; &amp;nbsp; &amp;nbsp;at").
    /// </summary>
    internal static string Readable(ProbeExchange exchange)
    {
        var body = exchange.Body;
        if (body.TrimStart() is ['{' or '[', ..] && JsonStrings(body) is { } strings)
        {
            return strings;
        }
        return HeadersProbe.IsHtml(exchange) || body.TrimStart().StartsWith('<')
            ? WebUtility.HtmlDecode(Tag().Replace(LineBreak().Replace(body, "\n"), ""))
            : body;
    }

    private static string? JsonStrings(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var strings = new List<string>();
            Collect(document.RootElement, strings);
            return string.Join('\n', strings);
        }
        catch (JsonException)
        {
            return null; // truncated or not JSON after all: read it as text
        }
    }

    private static void Collect(JsonElement element, List<string> strings)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                strings.Add(element.GetString()!);
                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Collect(property.Value, strings);
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, strings);
                }
                break;
        }
    }

    /// <summary>Which stack leaked, from the signature group that matched.</summary>
    internal static string Stack(Match leak) =>
        leak.Groups["dotnet"].Success ? ".NET stack trace or exception"
        : leak.Groups["python"].Success ? "Python traceback or debug page"
        : leak.Groups["node"].Success ? "Node.js stack trace or parser error"
        : leak.Groups["java"].Success ? "Java stack trace or exception"
        : leak.Groups["go"].Success ? "Go panic"
        : leak.Groups["php"].Success ? "PHP error with its file and line"
        : "Ruby backtrace";

    // Signatures of leaked internals per stack, matched on text made readable first. Frames are anchored at a line
    // start so a sentence containing "at System." does not count.
    private const string DotNet = @"(?<dotnet>^[ \t\u00A0]*at (?:System|Microsoft)\.\w|\bat [\w.`<>]+\([^)\n]*\) in [^\n]+:line \d+"
        + @"|\b(?:System|Microsoft)\.(?:\w+\.)*\w*Exception\b|An unhandled exception occurred while processing the request|Server Error in '[^'\n]*' Application)";

    private const string Python = @"(?<python>Traceback \(most recent call last\)|^[ \t]*File ""[^""\n]+"", line \d+"
        + @"|You['’]re seeing this error because you have DEBUG = True|Werkzeug Debugger|The debugger caught an exception in your WSGI application)";

    private const string Node = @"(?<node>^[ \t\u00A0]*at (?:Object\.<anonymous>|Module\._compile|JSON\.parse \(<anonymous>\))"
        + @"|^[ \t\u00A0]*at [^\n]*\((?:/|file://|[A-Za-z]:\\)[^()\n]*\.[cm]?[jt]s:\d+:\d+\)"
        + @"|SyntaxError: (?:Unexpected token [^\n]{0,40} in JSON at position \d+|Unexpected end of JSON input|Unterminated string in JSON|Expected [^\n]{0,60} in JSON at position \d+))";

    private const string Java = @"(?<java>^[ \t\u00A0]*at (?:java|javax|jakarta|jdk|sun|org\.springframework|org\.apache|org\.hibernate|com\.fasterxml|io\.netty)[./][\w.$/<>]*\("
        + @"|\b(?:java|javax|jakarta|org\.springframework|org\.hibernate|com\.fasterxml)\.(?:\w+\.)+\w*(?:Exception|Error)\b)";

    private const string Go = @"(?<go>^goroutine \d+ \[running\]:|^panic: )";

    private const string Php = @"(?<php>\b(?:Fatal error|Parse error|Warning|Notice|Deprecated): [^\n]* in [^\n]*\.php(?: on line |:)\d+"
        + @"|^[ \t]*thrown in [^\n]+ on line \d+|^#\d+ (?:/|[A-Za-z]:\\)[^\n]*\.php\(\d+\): )";

    private const string Ruby = @"(?<ruby>^[ \t]*[^\s:]+\.rb:\d+:in [`'‘]|Action Controller: Exception caught)";

    /// <summary>NonBacktracking: bodies are up to 64 KB of untrusted text.</summary>
    [GeneratedRegex(DotNet + "|" + Python + "|" + Node + "|" + Java + "|" + Go + "|" + Php + "|" + Ruby,
        RegexOptions.Multiline | RegexOptions.NonBacktracking | RegexOptions.CultureInvariant)]
    internal static partial Regex Leak();

    [GeneratedRegex(@"<br\s*/?>", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking | RegexOptions.CultureInvariant)]
    private static partial Regex LineBreak();

    [GeneratedRegex(@"<[^>]*>", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant)]
    private static partial Regex Tag();
}
