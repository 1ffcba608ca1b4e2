using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ProdReady.TestTarget;

/// <summary>
/// ASP.NET Core's own rate limiter (Microsoft.AspNetCore.RateLimiting), set up as a service would, and the in-flight
/// gauge that shows how many requests a burst really sends at once.
/// </summary>
internal static class TargetRateLimiting
{
    /// <summary>Requests per window; the window is a minute so it never resets during a test.</summary>
    public const int PermitsPerWindow = 10;

    public static void AddTo(WebApplicationBuilder builder, TargetBehaviour behaviour)
    {
        if (behaviour.RateLimit == RateLimitStyle.None)
        {
            return;
        }
        builder.Services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(_ => RateLimitPartition.GetFixedWindowLimiter("all",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = PermitsPerWindow, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) =>
            {
                var headers = context.HttpContext.Response.Headers;
                switch (behaviour.RateLimit)
                {
                    case RateLimitStyle.RetryAfter:
                        headers.RetryAfter = "10";
                        break;
                    case RateLimitStyle.RateLimitHeaders:
                        headers["RateLimit-Policy"] = $"{PermitsPerWindow};w=60";
                        headers["RateLimit"] = $"limit={PermitsPerWindow}, remaining=0, reset=60";
                        break;
                }
                return ValueTask.CompletedTask;
            };
        });
    }

    public static void Use(WebApplication app, TargetBehaviour behaviour)
    {
        if (behaviour.InFlight is { } gauge)
        {
            app.Use((context, next) => gauge.Track(() => next(context)));
        }
        if (behaviour.RateLimit != RateLimitStyle.None)
        {
            app.UseRateLimiter();
        }
    }
}
