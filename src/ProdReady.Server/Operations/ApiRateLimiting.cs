using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using ProdReady.Server.Api;

namespace ProdReady.Server.Operations;

/// <summary>
/// One fixed window per caller: the API key's name when the request authenticated, else the client address. Health
/// and metrics endpoints are exempt (an orchestrator or a scraper must never get a 429). A rejected request gets a
/// 429 problem+json with Retry-After, the seconds until its window ends.
/// </summary>
public static class ApiRateLimiting
{
    public static void Configure(RateLimiterOptions options, RateLimit limit)
    {
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => limit.IsOff
            ? RateLimitPartition.GetNoLimiter("off")
            : RateLimitPartition.GetFixedWindowLimiter(Caller(context), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = limit.Permits,
                Window = limit.Window,
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
        options.OnRejected = (rejected, _) =>
        {
            var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
                ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
                : (int)Math.Ceiling(limit.Window.TotalSeconds);
            rejected.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            return new ValueTask(Problems.Write(rejected.HttpContext, StatusCodes.Status429TooManyRequests, "Too many requests",
                $"this caller is limited to {limit}; retry after {seconds} s"));
        };
    }

    /// <summary>Who a request counts against: its key, or the address it came from.</summary>
    public static string Caller(HttpContext context) => context.User.Identity is { IsAuthenticated: true, Name: { } name }
        ? $"key:{name}"
        : $"address:{context.Connection.RemoteIpAddress}";
}
