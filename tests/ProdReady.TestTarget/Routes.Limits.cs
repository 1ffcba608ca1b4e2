using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ProdReady.TestTarget;

internal static partial class Routes
{
    /// <summary>Input this large is where the broken middlewares below misbehave.</summary>
    private const int Large = 16 * 1024;

    /// <summary>POST / that reads its body, and middlewares that mishandle large input the ways real ones do.</summary>
    public static void MapLimits(WebApplication app, TargetBehaviour behaviour)
    {
        if (behaviour.Limits == LimitsStyle.None)
        {
            return;
        }
        if (behaviour.Limits is LimitsStyle.ServerError or LimitsStyle.Hang or LimitsStyle.Drop)
        {
            app.Use(async (context, next) =>
            {
                if (!IsLarge(context.Request))
                {
                    await next(context);
                    return;
                }
                switch (behaviour.Limits)
                {
                    case LimitsStyle.ServerError:
                        throw new InvalidOperationException("request too large for the audit log buffer");
                    case LimitsStyle.Hang:
                        await Task.Delay(Timeout.Infinite, context.RequestAborted);
                        break;
                    default:
                        context.Abort();
                        break;
                }
            });
        }
        app.MapPost("/", async (HttpRequest request) =>
        {
            await request.Body.CopyToAsync(Stream.Null);
            return Results.Json(new { received = true });
        });
    }

    private static bool IsLarge(HttpRequest request) =>
        request.QueryString.Value?.Length > Large || request.Headers.Any(header => header.Value.ToString().Length > Large) || request.ContentLength > Large;
}
