using System.Threading.RateLimiting;
using FluentValidation;
using Inventory.Api.Data;
using Inventory.Api.Endpoints;
using Inventory.Api.Middleware;
using Inventory.Api.Stock;
using Inventory.Api.Suppliers;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.EntityFrameworkCore;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Serilog;
using Serilog.Formatting.Compact;

Log.Logger = new LoggerConfiguration()
    .WriteTo.Console(new CompactJsonFormatter())
    .CreateBootstrapLogger();

try
{
    var builder = WebApplication.CreateBuilder(args);
    var config = builder.Configuration;

    builder.Host.UseSerilog((context, services, logger) => logger
        .ReadFrom.Configuration(context.Configuration)
        .ReadFrom.Services(services)
        .Enrich.FromLogContext()
        .WriteTo.Console(new CompactJsonFormatter()));

    // Kubernetes sends SIGTERM and waits 30 s; finish in-flight requests well before that.
    builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(25));

    builder.Services.AddDbContext<InventoryDbContext>(options => options.UseNpgsql(
        config.GetConnectionString("Inventory"),
        npgsql => npgsql.EnableRetryOnFailure(maxRetryCount: 3)));

    builder.Services.AddSingleton(TimeProvider.System);
    builder.Services.AddScoped<StockService>();
    builder.Services.AddValidatorsFromAssemblyContaining<Program>();
    builder.Services.AddProblemDetails();

    builder.Services.AddHttpClient<SupplierClient>(client =>
            client.BaseAddress = new Uri(config["Suppliers:BaseUrl"]
                ?? throw new InvalidOperationException("Suppliers:BaseUrl is not configured.")))
        .AddStandardResilienceHandler(options =>
        {
            options.AttemptTimeout.Timeout = TimeSpan.FromSeconds(3);
            options.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(10);
        });

    builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
        .AddJwtBearer(options =>
        {
            options.Authority = config["Auth:Authority"];
            options.Audience = config["Auth:Audience"];
            options.MapInboundClaims = false;
        });
    builder.Services.AddAuthorizationBuilder()
        .AddScopePolicies()
        .SetFallbackPolicy(ScopePolicies.AuthenticatedUser);

    builder.Services.AddCors(options => options.AddPolicy("backoffice", policy => policy
        .WithOrigins(config.GetSection("Cors:AllowedOrigins").Get<string[]>() ?? [])
        .WithMethods("GET", "POST", "PUT", "DELETE")
        .WithHeaders("Authorization", "Content-Type", CorrelationIdMiddleware.HeaderName)
        .WithExposedHeaders(CorrelationIdMiddleware.HeaderName)));

    var permitsPerMinute = config.GetValue("RateLimiting:PermitsPerMinute", 300);
    builder.Services.AddRateLimiter(options =>
    {
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            RateLimitPartition.GetFixedWindowLimiter(
                context.User.FindFirst("sub")?.Value ?? context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = permitsPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
    });

    builder.Services.AddHealthChecks()
        .AddDbContextCheck<InventoryDbContext>("database", tags: ["ready"]);

    builder.Services.AddOpenTelemetry()
        .ConfigureResource(resource => resource.AddService("inventory-api"))
        .WithTracing(tracing => tracing
            .AddAspNetCoreInstrumentation()
            .AddHttpClientInstrumentation()
            .AddOtlpExporter())
        .WithMetrics(metrics => metrics
            .AddAspNetCoreInstrumentation()
            .AddHttpClientInstrumentation()
            .AddRuntimeInstrumentation()
            .AddOtlpExporter());

    // TLS ends at the ingress; only the ingress can reach the pods, so its forwarded headers are trusted.
    builder.Services.Configure<ForwardedHeadersOptions>(options =>
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        options.KnownNetworks.Clear();
        options.KnownProxies.Clear();
    });
    builder.Services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));

    var app = builder.Build();

    app.Lifetime.ApplicationStopping.Register(() => Log.Information("Shutdown requested; draining in-flight requests"));

    app.UseForwardedHeaders();
    app.UseMiddleware<CorrelationIdMiddleware>();
    app.UseSerilogRequestLogging();
    app.UseExceptionHandler();
    app.UseStatusCodePages();
    if (!app.Environment.IsDevelopment())
    {
        app.UseHsts();
    }
    app.UseMiddleware<SecurityHeadersMiddleware>();
    app.UseCors("backoffice");
    app.UseAuthentication();
    app.UseAuthorization();
    app.UseRateLimiter();

    app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false })
        .AllowAnonymous()
        .DisableRateLimiting();
    app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") })
        .AllowAnonymous()
        .DisableRateLimiting();

    app.MapItemEndpoints();
    app.MapStockEndpoints();

    app.Run();
}
catch (Exception ex) when (ex is not HostAbortedException)
{
    Log.Fatal(ex, "Inventory API terminated unexpectedly");
}
finally
{
    Log.CloseAndFlush();
}

public partial class Program;
