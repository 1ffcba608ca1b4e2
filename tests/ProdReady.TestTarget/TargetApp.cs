using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ProdReady.TestTarget;

/// <summary>The test target, listening on 127.0.0.1 on a free port for as long as the test holds it.</summary>
public sealed class TargetApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TargetApp(WebApplication app, Uri url) => (_app, Url) = (app, url);

    public Uri Url { get; }

    public static async Task<TargetApp> Start(TargetBehaviour behaviour)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(options => KestrelSetup.Configure(options, behaviour));
        builder.Logging.ClearProviders();
        builder.Services.AddResponseCompression(options => options.EnableForHttps = true);
        Routes.AddErrorServices(builder.Services, behaviour);
        TargetRateLimiting.AddTo(builder, behaviour);
        var app = builder.Build();
        TargetRateLimiting.Use(app, behaviour);
        app.Use(async (context, next) =>
        {
            Headers(context.Response, behaviour);
            Cors(context, behaviour.Cors);
            await next(context);
        });
        Routes.Map(app, behaviour);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TargetApp(app, new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/"));
    }

    private static void Headers(HttpResponse response, TargetBehaviour behaviour)
    {
        if (behaviour.SecureHeaders)
        {
            response.Headers["X-Content-Type-Options"] = "nosniff";
            response.Headers["X-Frame-Options"] = "DENY";
            response.Headers["Referrer-Policy"] = "no-referrer";
            response.Headers["Content-Security-Policy"] = behaviour.LaxCsp ? "default-src 'self'; script-src 'self' 'unsafe-inline'" : "default-src 'self'; frame-ancestors 'none'";
        }
        if (behaviour.VersionBanners)
        {
            response.Headers["Server"] = "nginx/1.18.0";
            response.Headers["X-Powered-By"] = "Express";
        }
    }

    private static void Cors(HttpContext context, CorsStyle style)
    {
        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return;
        }
        var headers = context.Response.Headers;
        switch (style)
        {
            case CorsStyle.EchoWithCredentials:
                (headers.AccessControlAllowOrigin, headers.AccessControlAllowCredentials, headers.Vary) = (origin, "true", "Origin");
                break;
            case CorsStyle.EchoWithoutVary:
                headers.AccessControlAllowOrigin = origin;
                break;
            case CorsStyle.WildcardWithCredentials:
                (headers.AccessControlAllowOrigin, headers.AccessControlAllowCredentials) = ("*", "true");
                break;
            case CorsStyle.Explicit when origin == "https://app.example.test":
                (headers.AccessControlAllowOrigin, headers.Vary) = (origin, "Origin");
                break;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
