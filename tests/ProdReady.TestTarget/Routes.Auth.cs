using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ProdReady.TestTarget;

/// <summary>The API behind an OpenAPI document, login pages with cookies, TRACE and compression.</summary>
internal static partial class Routes
{
    private const string LoginPage = "<!doctype html><html><head><title>Sign in</title></head><body><form method=post><input name=user></form></body></html>";

    public static void MapAuth(WebApplication app, TargetBehaviour behaviour)
    {
        if (behaviour.Compression)
        {
            app.UseResponseCompression();
        }
        if (behaviour.TraceEcho)
        {
            app.Use(EchoTrace);
        }
        if (behaviour.Cookies != CookieStyle.None)
        {
            MapCookies(app, behaviour.Cookies);
        }
        if (behaviour.Api != ApiStyle.None)
        {
            MapApi(app, behaviour.Api);
        }
    }

    /// <summary>What Kestrel does not do by itself: answer TRACE with the request it got, and list TRACE in Allow.</summary>
    private static async Task EchoTrace(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        if (HttpMethods.IsTrace(request.Method))
        {
            var echo = new StringBuilder($"{request.Method} {request.Path}{request.QueryString} {request.Protocol}\r\n");
            foreach (var (name, value) in request.Headers)
            {
                echo.Append($"{name}: {value}\r\n");
            }
            context.Response.ContentType = "message/http";
            await context.Response.WriteAsync(echo.ToString());
            return;
        }
        if (HttpMethods.IsOptions(request.Method))
        {
            context.Response.Headers.Allow = "GET, HEAD, OPTIONS, TRACE";
            return;
        }
        await next(context);
    }

    private static void MapCookies(WebApplication app, CookieStyle style)
    {
        var expires = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);
        app.Use(async (context, next) =>
        {
            if (context.Request.Path == "/")
            {
                context.Response.Cookies.Append("theme", "dark");
                context.Response.Cookies.Append("XSRF-TOKEN", "t0k3n", new CookieOptions { SameSite = SameSiteMode.Strict });
            }
            await next(context);
        });
        app.MapGet("/login", (HttpContext context) =>
        {
            if (style == CookieStyle.Hardened)
            {
                context.Response.Cookies.Append("session", "s3ss10n", new CookieOptions { Expires = expires, HttpOnly = true, Secure = true, SameSite = SameSiteMode.Lax });
                context.Response.Headers.CacheControl = "no-store";
            }
            else
            {
                context.Response.Cookies.Append("session", "s3ss10n", new CookieOptions { Expires = expires, SameSite = SameSiteMode.Unspecified });
                context.Response.Cookies.Append("remember_me", "1", new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict });
            }
            return Results.Content(LoginPage, "text/html");
        });
    }

    private static void MapApi(WebApplication app, ApiStyle style)
    {
        var leaky = style == ApiStyle.Leaky;
        app.MapGet("/openapi.json", () => Results.Content(style == ApiStyle.MalformedDocument ? ApiContent.MalformedOpenApiDocument : ApiContent.OpenApiDocument, "application/json"));
        app.MapGet("/account/login", () => Results.Content(LoginPage, "text/html"));
        app.MapGet("/api", () => leaky
            ? Results.Json(new { name = "Orders API", links = new { orders = "/api/v1/orders", catalog = "/api/v1/catalog" } })
            : Results.Redirect("/account/login?ReturnUrl=%2Fapi"));
        app.MapGet("/api/v1", () => leaky ? Results.Json(new { version = "v1", resources = new[] { "orders", "catalog" } }) : Results.StatusCode(403));
        app.MapGet("/api/v1/orders", (HttpRequest request) => leaky || request.Headers.Authorization.Count > 0
            ? Results.Content(ApiContent.Orders, "application/json")
            : Results.Unauthorized());
        app.MapGet("/api/v1/catalog", () => Results.Json(new[] { new { sku = "TEA-01", name = "Green tea", price = 4.5 } }));
    }
}
