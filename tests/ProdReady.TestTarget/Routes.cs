using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ProdReady.TestTarget;

internal static partial class Routes
{
    private const string Page = "<!doctype html><html><head><title>Orders</title></head><body><h1>Orders</h1></body></html>";

    public static void Map(WebApplication app, TargetBehaviour behaviour)
    {
        app.MapGet("/", () => behaviour.HtmlRoot ? Results.Content(Page, "text/html") : Results.Json(new { service = "orders", version = "1.4.2" }));
        Health(app, behaviour.Health);
        MapAuth(app, behaviour);
        MapErrors(app, behaviour);
        MapExposure(app, behaviour);
        MapTls(app, behaviour);
        MapLimits(app, behaviour);
        if (behaviour.CatchAll)
        {
            app.MapFallback(() => Results.Content(Page, "text/html"));
        }
    }

    private static void Health(WebApplication app, HealthStyle style)
    {
        switch (style)
        {
            case HealthStyle.Split:
                app.MapGet("/livez", () => Results.Json(new { status = "Healthy" }));
                app.MapGet("/readyz", () => Results.Json(new { status = "Healthy", checks = new { database = "Healthy" } }));
                break;
            case HealthStyle.General:
                app.MapGet("/health", () => Results.Json(new { status = "Healthy" }));
                break;
            case HealthStyle.UnhealthyWith200:
                app.MapGet("/health", () => Results.Json(new { status = "Unhealthy", checks = new { database = "Unhealthy" } }));
                break;
            case HealthStyle.Leaky:
                app.MapGet("/health", () => Results.Text(
                    "Degraded\ndatabase: Server=db.internal;Database=orders;User ID=app;Password=s3cret;\nNpgsql.NpgsqlException: connection refused", "text/plain"));
                break;
            case HealthStyle.Slow:
                app.MapGet("/health", async () =>
                {
                    await Task.Delay(300);
                    return Results.Json(new { status = "Healthy" });
                });
                break;
            case HealthStyle.NotReady:
                app.MapGet("/livez", () => Results.Json(new { status = "Healthy" }));
                app.MapGet("/readyz", () => Results.Json(new { status = "Unhealthy" }, statusCode: StatusCodes.Status503ServiceUnavailable));
                break;
        }
    }
}
