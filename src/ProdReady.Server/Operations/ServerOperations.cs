using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ProdReady.Server.Api;

namespace ProdReady.Server.Operations;

/// <summary>
/// What makes the server operable, wired into <see cref="ServerApp"/> in three calls: JSON logs with correlation ids,
/// security headers, health endpoints, /metrics, rate limits, request size and time limits. docs/server-operations.md
/// describes each.
/// </summary>
public static class ServerOperations
{
    public const string HealthPrefix = "/healthz/";
    public const string LivePath = "/healthz/live";
    public const string ReadyPath = "/healthz/ready";
    public const string MetricsPath = "/metrics";

    /// <summary>Request headers in all: a key, a dashboard cookie and a browser's usual headers fit many times over.</summary>
    public const int MaxRequestHeadersBytes = 16 * 1024;
    public const int MaxRequestHeaderCount = 50;

    public static void AddServerOperations(this WebApplicationBuilder builder, ServerSettings settings)
    {
        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(json =>
        {
            json.IncludeScopes = true;
            json.UseUtcTimestamp = true;
            json.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
        });
        // One access line per request (RequestTracking) instead of the framework's request start/end/auth chatter.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter(typeof(Auth.ApiKeyAuthentication).FullName, LogLevel.Warning);
        // A start that fails (an address in use) surfaces as an exception `serve` turns into one line; the host's own
        // error entry would repeat it with a stack trace. Critical entries still pass.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestHeadersTotalSize = MaxRequestHeadersBytes;
            kestrel.Limits.MaxRequestHeaderCount = MaxRequestHeaderCount;
        });
        builder.Services.AddSingleton<ServerMetrics>();
        builder.Services.Configure<ProblemDetailsOptions>(problems => problems.CustomizeProblemDetails += problem =>
        {
            if (CorrelationId.Of(problem.HttpContext) is { } id)
            {
                problem.ProblemDetails.Extensions["correlationId"] = id;
            }
        });
        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>(HealthEndpoints.DatabaseCheck, tags: [HealthEndpoints.ReadyTag], timeout: HealthEndpoints.DatabaseTimeout);
        builder.Services.AddRateLimiter(options => ApiRateLimiting.Configure(options, settings.RateLimit));
        builder.Services.AddRequestTimeouts(timeouts => timeouts.DefaultPolicy = new RequestTimeoutPolicy
        {
            Timeout = settings.RequestTimeout,
            TimeoutStatusCode = StatusCodes.Status504GatewayTimeout,
            WriteTimeoutResponse = context => Problems.Write(context, StatusCodes.Status504GatewayTimeout, "Request timed out",
                $"the server gives a request {settings.RequestTimeout.TotalSeconds:0} s; try again, and report it if it keeps happening"),
        });
    }

    /// <summary>First in the pipeline, so that errors, 404s and 429s get the correlation id, the headers and a log line.</summary>
    public static void UseServerOperations(this WebApplication app)
    {
        app.UseMiddleware<RequestTracking>();
        app.UseRequestTimeouts();
    }

    /// <summary>After authentication: the limit is per key.</summary>
    public static void UseRateLimits(this WebApplication app) => app.UseRateLimiter();

    public static void MapServerOperations(this WebApplication app)
    {
        HealthEndpoints.Map(app);
        MetricsEndpoint.MapMetrics(app);
    }
}
