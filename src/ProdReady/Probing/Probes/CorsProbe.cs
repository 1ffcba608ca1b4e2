using ProdReady.Model;

namespace ProdReady.Probing.Probes;

/// <summary>
/// CORS as an attacker's page would try it: an arbitrary origin and the `null` origin (sandboxed frames, files).
/// Echoing either together with Allow-Credentials lets any site read a signed-in user's data.
/// </summary>
public sealed class CorsProbe : IProbe
{
    /// <summary>A reserved name (RFC 2606): no real site can ever own it.</summary>
    public const string ForeignOrigin = "https://prodready-probe.invalid";

    public string Id => "cors";


    public IReadOnlyList<string> Findings => ["cors.any-origin", "cors.null-origin", "cors"];

    public async Task<IReadOnlyList<ProbeFinding>> Run(ProbeContext context)
    {
        var path = context.Root.Url.PathAndQuery;
        var foreign = await context.Client.Send(new ProbeRequest("GET", path) { Headers = new Dictionary<string, string> { ["Origin"] = ForeignOrigin } }).ConfigureAwait(false);
        var nullOrigin = await context.Client.Send(new ProbeRequest("GET", path) { Headers = new Dictionary<string, string> { ["Origin"] = "null" } }).ConfigureAwait(false);
        if (foreign.Status is null)
        {
            return [new ProbeFinding("cors", ProbeVerdict.Inconclusive, $"no answer: {foreign.Error}") { Exchanges = [foreign] }];
        }
        return [Judge(foreign, ForeignOrigin), .. nullOrigin.Status is null ? [] : new[] { Judge(nullOrigin, "null") }];
    }

    private static ProbeFinding Judge(ProbeExchange exchange, string origin)
    {
        var allowed = exchange.Header("Access-Control-Allow-Origin")?.Trim();
        var credentials = string.Equals(exchange.Header("Access-Control-Allow-Credentials")?.Trim(), "true", StringComparison.OrdinalIgnoreCase);
        var id = origin == "null" ? "cors.null-origin" : "cors.any-origin";
        var excerpt = allowed is null ? null : $"Access-Control-Allow-Origin: {allowed}{(credentials ? "; Access-Control-Allow-Credentials: true" : "")}";
        ProbeFinding Make(ProbeVerdict verdict, string message, Priority severity = Priority.P2) =>
            new(id, verdict, message) { Exchanges = [exchange], Excerpt = excerpt, Severity = severity };
        if (allowed is null)
        {
            return Make(ProbeVerdict.Pass, $"origin {origin} is not allowed");
        }
        var echoed = string.Equals(allowed, origin, StringComparison.OrdinalIgnoreCase);
        if (echoed && credentials)
        {
            return Make(ProbeVerdict.Fail, $"origin {origin} is echoed with Allow-Credentials: any site can read signed-in users' data", Priority.P0);
        }
        if (allowed == "*" && credentials)
        {
            return Make(ProbeVerdict.Fail, "Allow-Origin * together with Allow-Credentials: true", Priority.P1);
        }
        if (echoed && exchange.Header("Vary")?.Contains("Origin", StringComparison.OrdinalIgnoreCase) != true)
        {
            return Make(ProbeVerdict.Warn, $"origin {origin} is echoed without Vary: Origin: caches may serve one origin's answer to another");
        }
        return allowed == "*"
            ? Make(ProbeVerdict.Warn, "Allow-Origin *: any site can read anonymous answers (fine for public data only)")
            : Make(ProbeVerdict.Warn, $"origin {origin} is echoed: every origin is allowed, without credentials");
    }
}
