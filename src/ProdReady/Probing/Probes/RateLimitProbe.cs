namespace ProdReady.Probing.Probes;

/// <summary>
/// Rate limiting, seen from outside: a short burst of GETs to the target URL, stopped at the first 429 or 503. A limit
/// that says when to come back (Retry-After or RateLimit headers) passes; one that does not warns; no limit within the
/// burst is inconclusive, since the limit may simply be higher. Runs only with <see cref="ProbeOptions.AllowBurst"/>.
/// </summary>
/// <remarks>
/// The burst goes to the target URL itself rather than a health endpoint: health endpoints are usually (and rightly)
/// exempt from limits so orchestrators never get a 429, and the target URL is known to answer.
/// </remarks>
public sealed class RateLimitProbe : IProbe
{
    public const int MaxRequests = 50;

    /// <summary>Headers that tell a client when it may retry: Retry-After and the IETF and de-facto RateLimit fields.</summary>
    private static readonly string[] BackOffHeaders = ["Retry-After", "RateLimit", "RateLimit-Policy", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"];

    public string Id => "rate-limit";

    public IReadOnlyList<string> Findings => ["rate-limit"];

    public async Task<IReadOnlyList<ProbeFinding>> Run(ProbeContext context)
    {
        // A limit the probe's own unhurried requests already ran into needs no burst to be seen.
        if (context.Client.FirstThrottled is { } throttled)
        {
            return [Limited(throttled, "limited the probe's ordinary requests (two at a time)")];
        }
        if (!context.Options.AllowBurst)
        {
            return [new ProbeFinding(Id, ProbeVerdict.Inconclusive, "not run: sending a burst of requests needs --allow-burst")];
        }
        if (context.Client.StoppedBecause is { } stopped)
        {
            return [new ProbeFinding(Id, ProbeVerdict.Inconclusive, $"not run: {stopped}")];
        }
        var count = Math.Min(MaxRequests, context.Client.Remaining);
        if (count == 0)
        {
            return [new ProbeFinding(Id, ProbeVerdict.Inconclusive, "not run: the request budget is spent")];
        }
        var exchanges = await context.Client.Burst(ProbeRequest.Get(context.Root.Url.PathAndQuery), count, IsLimited).ConfigureAwait(false);
        return [Judge(exchanges, count)];
    }

    private static bool IsLimited(ProbeExchange exchange) => exchange.StatusCode is 429 or 503;

    private ProbeFinding Judge(IReadOnlyList<ProbeExchange> exchanges, int count)
    {
        var accepted = exchanges.Count(exchange => exchange.Status is not null && !IsLimited(exchange));
        if (exchanges.FirstOrDefault(IsLimited) is { } limited)
        {
            // Zero when the run's earlier requests had already used the allowance.
            return Limited(limited, accepted == 0 ? "limited from the burst's first request" : $"limited after {accepted} requests");
        }
        if (exchanges.FirstOrDefault(exchange => exchange.Status is null) is { } failed)
        {
            return new ProbeFinding(Id, ProbeVerdict.Inconclusive, $"the burst stopped after {accepted} answers: {failed.Error}") { Exchanges = [failed] };
        }
        var shortBudget = count < MaxRequests ? $" (only {count} were left in the run's request budget)" : "";
        return new ProbeFinding(Id, ProbeVerdict.Inconclusive,
            $"no limit seen in {count} requests{shortBudget}; a limit may still exist above that")
        { Exchanges = exchanges.Count > 0 ? [exchanges[^1]] : [] };
    }

    /// <summary>A 429/503 seen: it passes when it tells the client when to come back.</summary>
    private ProbeFinding Limited(ProbeExchange limited, string after)
    {
        var shown = BackOffHeaders.Concat(limited.Headers.Keys.Where(name => name.StartsWith("X-RateLimit-", StringComparison.OrdinalIgnoreCase)))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Where(name => limited.Header(name) is not null)
            .Select(name => Redaction.Redact($"{name}: {limited.Header(name)}"))
            .ToList();
        return shown.Count > 0
            ? new ProbeFinding(Id, ProbeVerdict.Pass, $"{after}: {limited.StatusCode} with {shown[0]}")
            { Exchanges = [limited], Excerpt = string.Join("; ", shown) }
            : new ProbeFinding(Id, ProbeVerdict.Warn, $"{after}, but the {limited.StatusCode} has no Retry-After or RateLimit headers: clients cannot tell when to back off")
            { Exchanges = [limited] };
    }
}
