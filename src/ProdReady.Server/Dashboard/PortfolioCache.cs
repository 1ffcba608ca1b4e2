using System.Collections.Concurrent;
using ProdReady.Server.Store;

namespace ProdReady.Server.Dashboard;

/// <summary>
/// The portfolio page's body, rendered once per view and reused until an assessment is stored or the minute turns
/// (ages and stale flags move with the clock). A page of 5,000 services is a few queries over every service; a
/// request that finds its view here costs one look at the newest assessment id. Held per server process: another
/// server on the same PostgreSQL database shows a new assessment within a minute at worst.
/// </summary>
public sealed class PortfolioCache(PortfolioStore store)
{
    /// <summary>Views kept at most; past it the cache starts over (views are cheap to render again, and rarely this many).</summary>
    private const int MaxViews = 512;

    private readonly ConcurrentDictionary<(long Version, string View, long Minute), string> _views = new();

    /// <summary>The body for <paramref name="view"/> (a canonical query string) at <paramref name="now"/>, rendered by <paramref name="render"/> when not kept.</summary>
    public async Task<string> GetAsync(string view, DateTimeOffset now, Func<Task<string>> render, CancellationToken cancel)
    {
        var key = (await store.LatestAssessmentIdAsync(cancel), view, now.UtcTicks / TimeSpan.TicksPerMinute);
        if (_views.TryGetValue(key, out var body))
        {
            return body;
        }
        body = await render();
        if (_views.Count >= MaxViews)
        {
            _views.Clear();
        }
        _views[key] = body;
        return body;
    }
}
