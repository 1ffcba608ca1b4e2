using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ProdReady.Server.Store;

namespace ProdReady.Server.Operations;

/// <summary>
/// Liveness (the process answers; nothing else is checked, so a database outage never restarts the server) and
/// readiness (the database answers a cheap query within <see cref="DatabaseTimeout"/>; 503 otherwise). Anonymous,
/// never rate limited, and the body names checks and statuses only: never a connection string or an error text.
/// </summary>
public static class HealthEndpoints
{
    public const string ReadyTag = "ready";
    public const string DatabaseCheck = "database";

    public static TimeSpan DatabaseTimeout { get; } = TimeSpan.FromSeconds(2);

    public static void Map(WebApplication app)
    {
        app.MapHealthChecks(ServerOperations.LivePath, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync })
            .AllowAnonymous().DisableRateLimiting();
        app.MapHealthChecks(ServerOperations.ReadyPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync })
            .AllowAnonymous().DisableRateLimiting();
    }

    /// <summary>`{"status":"unhealthy","checks":[{"name":"database","status":"unhealthy","durationMs":2001}]}`.</summary>
    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = Status(report.Status),
            checks = report.Entries.Select(entry => new { name = entry.Key, status = Status(entry.Value.Status), durationMs = Math.Round(entry.Value.Duration.TotalMilliseconds, 1) }),
        };
        return JsonSerializer.SerializeAsync(context.Response.Body, body, cancellationToken: context.RequestAborted);
    }

    private static string Status(HealthStatus status) => status.ToString().ToLowerInvariant();
}

/// <summary>The database answers the store's cheapest query (the registration's timeout bounds it).</summary>
public sealed class DatabaseHealthCheck(PortfolioStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await store.PingAsync(cancellationToken);
        return HealthCheckResult.Healthy();
    }
}
