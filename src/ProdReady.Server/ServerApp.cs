using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ProdReady.Server.Api;
using ProdReady.Server.Auth;
using ProdReady.Server.Dashboard;
using ProdReady.Server.Operations;
using ProdReady.Server.Store;
using ProdReady.Server.Webhooks;

namespace ProdReady.Server;

/// <summary>
/// The server as one ASP.NET Core application over an opened <see cref="PortfolioStore"/>: the API under /api/v1, its
/// OpenAPI document and the dashboard, with health, metrics, logs and limits from Operations/. `prodready serve` runs
/// it; tests start it on a free loopback port.
/// </summary>
public static class ServerApp
{
    public static WebApplication Build(ServerSettings settings, PortfolioStore store, TimeProvider? clock = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            // Production whatever the machine says: no developer exception page, no stack trace in a response.
            EnvironmentName = Environments.Production,
            Args = [],
        });
        builder.WebHost.UseUrls(settings.Urls);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = settings.MaxRequestBytes;
            kestrel.AddServerHeader = false;
        });
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = settings.ShutdownTimeout);
        builder.Services.AddSingleton(settings);
        store.Webhooks = settings.Webhooks;
        builder.Services.AddSingleton(store);
        builder.Services.AddSingleton<WebhookDispatcher>();
        builder.Services.AddHostedService<WebhookDeliveryService>();
        builder.Services.AddSingleton(clock ?? TimeProvider.System);
        builder.Services.AddSingleton<KeyVerifier>();
        builder.Services.AddProblemDetails();
        builder.Services.AddAuthentication(ApiKeyAuthentication.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
        builder.Services.AddAuthorization(options => AccessPolicies.Add(options, settings.PublicRead));
        builder.Services.AddOpenApi(ApiDocument.Version, ApiDocument.Configure);
        builder.AddServerOperations(settings);
        DashboardEndpoints.Add(builder, settings);

        var app = builder.Build();
        app.UseServerOperations();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseRateLimits();
        app.UseAuthorization();
        app.MapOpenApi(ApiDocument.Route).AllowAnonymous();
        app.MapServerOperations();
        var api = app.MapGroup("/api/v1");
        AssessmentEndpoints.Map(api);
        PortfolioEndpoints.Map(api);
        KeyEndpoints.Map(api);
        WebhookEndpoints.Map(api);
        DashboardEndpoints.Map(app);
        return app;
    }
}
