using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using ProdReady.Server.Auth;

namespace ProdReady.Server.Operations;

/// <summary>
/// /metrics for a Prometheus scraper. Metrics show internals (routes, load, versions), so they always need a key
/// with `read` (Prometheus sends it with `authorization: { credentials: ... }`), even when --public-read opens the
/// portfolio to anonymous readers.
/// </summary>
public static class MetricsEndpoint
{
    public static void MapMetrics(WebApplication app) =>
        app.MapGet(ServerOperations.MetricsPath, async (ServerMetrics metrics, CancellationToken cancel) =>
                Results.Text(await metrics.ExposeAsync(cancel), ServerMetrics.ContentType))
            .RequireAuthorization(policy => policy
                .AddAuthenticationSchemes(ApiKeyAuthentication.SchemeName)
                .RequireAuthenticatedUser()
                .RequireClaim(ApiKeyAuthentication.ScopeClaim, KeyScopes.Read, KeyScopes.Admin))
            .DisableRateLimiting()
            .ExcludeFromDescription();
}
