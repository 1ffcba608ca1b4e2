namespace ProdReady.TestTarget;

public enum RateLimitStyle
{
    /// <summary>No limiter.</summary>
    None,

    /// <summary>ASP.NET Core's fixed-window limiter, 10 requests per minute, 429 with Retry-After: 10.</summary>
    RetryAfter,

    /// <summary>The same limiter, 429 with RateLimit-Policy and RateLimit headers instead of Retry-After.</summary>
    RateLimitHeaders,

    /// <summary>The same limiter, a bare 429 that says nothing about when to retry.</summary>
    Bare,
}

/// <summary>Counts requests in flight at the target, each held for a moment so concurrent ones overlap.</summary>
public sealed class InFlightGauge
{
    private int _now;
    private int _peak;

    /// <summary>The most requests the target ever had in flight at once.</summary>
    public int Peak => Volatile.Read(ref _peak);

    public TimeSpan Hold { get; init; } = TimeSpan.FromMilliseconds(100);

    internal async Task Track(Func<Task> request)
    {
        var now = Interlocked.Increment(ref _now);
        for (var peak = Volatile.Read(ref _peak); now > peak; peak = Volatile.Read(ref _peak))
        {
            Interlocked.CompareExchange(ref _peak, now, peak);
        }
        try
        {
            await Task.Delay(Hold);
            await request();
        }
        finally
        {
            Interlocked.Decrement(ref _now);
        }
    }
}

public sealed partial record TargetBehaviour
{
    /// <summary>A rate limiter over every request (the root, the soft-404 paths, everything).</summary>
    public RateLimitStyle RateLimit { get; init; }

    /// <summary>When set, the target counts how many requests it has in flight at once.</summary>
    public InFlightGauge? InFlight { get; init; }
}
