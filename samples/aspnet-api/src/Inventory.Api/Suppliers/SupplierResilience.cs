using System.Net;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Inventory.Api.Suppliers;

/// <summary>
/// How supplier calls survive a slow or failing catalogue: 3 s per attempt, up to 3 retries with jittered
/// exponential backoff, a breaker that opens for 30 s when half the calls fail, and 10 s in all.
/// </summary>
public static class SupplierResilience
{
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(3);
    public static readonly TimeSpan TotalTimeout = TimeSpan.FromSeconds(10);

    public static ResiliencePipeline<HttpResponseMessage> CreatePipeline(TimeProvider clock) =>
        new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = clock }
            .AddTimeout(TotalTimeout)
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
                MaxRetryAttempts = 3,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(200),
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
                FailureRatio = 0.5,
                MinimumThroughput = 10,
                SamplingDuration = TimeSpan.FromSeconds(30),
                BreakDuration = TimeSpan.FromSeconds(30),
            })
            .AddTimeout(AttemptTimeout)
            .Build();

    /// <summary>Worth another try: the network failed, the attempt timed out, or the server is busy or broken.</summary>
    internal static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Result: { } response } => response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests
            || (int)response.StatusCode >= 500,
        _ => false,
    };
}
