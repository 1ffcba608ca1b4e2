using System.Collections.Concurrent;

namespace ProdReady.Probing;

/// <summary>
/// The burst: one request repeated with more requests in flight than the normal slots allow, only with
/// <see cref="ProbeOptions.AllowBurst"/>. Each request still comes from the run's budget and keeps its deadline and
/// Retry-After; only the concurrency limit is the burst's own, so the rest of the run keeps its normal slots.
/// </summary>
public sealed partial class ProbeClient
{
    /// <summary>Requests in flight at once during a burst.</summary>
    public const int BurstConcurrency = 5;

    private readonly SemaphoreSlim _burstSlots = new(BurstConcurrency);

    /// <summary>Requests the run's budget still allows.</summary>
    public int Remaining => Math.Max(0, Options.RequestBudget - Sent);

    /// <summary>
    /// Sends <paramref name="request"/> up to <paramref name="count"/> times, <see cref="BurstConcurrency"/> at a time,
    /// without following redirects. No new request starts once an answer satisfies <paramref name="stopAt"/>, a request
    /// gets no answer or the service asked to back off (Retry-After); those already in flight finish. The exchanges come
    /// back in the order they completed.
    /// </summary>
    public async Task<IReadOnlyList<ProbeExchange>> Burst(ProbeRequest request, int count, Func<ProbeExchange, bool> stopAt)
    {
        if (!Options.AllowBurst)
        {
            throw new InvalidOperationException("a burst needs ProbeOptions.AllowBurst (--allow-burst)");
        }
        var url = Resolve(request.Path);
        var completed = new ConcurrentQueue<ProbeExchange>();
        var started = 0;
        var stopped = 0;
        async Task Worker()
        {
            while (Volatile.Read(ref stopped) == 0 && !BackingOff() && Interlocked.Increment(ref started) <= count)
            {
                var exchange = await SendOnce(request, url, _burstSlots).ConfigureAwait(false);
                completed.Enqueue(exchange);
                if (exchange.Status is null || stopAt(exchange))
                {
                    Volatile.Write(ref stopped, 1);
                }
            }
        }
        await Task.WhenAll(Enumerable.Range(0, BurstConcurrency).Select(_ => Worker())).ConfigureAwait(false);
        return [.. completed];
    }

    private bool BackingOff()
    {
        lock (_gate)
        {
            return DateTimeOffset.UtcNow < _notBefore;
        }
    }
}
