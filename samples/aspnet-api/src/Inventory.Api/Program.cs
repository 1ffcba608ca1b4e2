using System.Threading.RateLimiting;
using Inventory.Api.Data;
using Inventory.Api.Endpoints;
using Inventory.Api.Middleware;
using Inventory.Api.Stock;
using Inventory.Api.Suppliers;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpLogging;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

var builder = WebApplication.CreateBuilder(args);
var config = builder.Configuration;

// One JSON object per line on stdout; scopes carry the correlation id into every event of a request.
builder.Logging.ClearProviders().AddJsonConsole(options =>
{
    options.IncludeScopes = true;
    options.UseUtcTimestamp = true;
    options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
});
builder.Services.AddHttpLogging(options =>
{
    options.LoggingFields = HttpLoggingFields.RequestMethod | HttpLoggingFields.RequestPath
        | HttpLoggingFields.ResponseStatusCode | HttpLoggingFields.Duration;
    options.CombineLogs = true;
});

// Traces and metrics from the ActivitySources and meters built into ASP.NET Core, HttpClient and the runtime,
// exported over OTLP (OTEL_EXPORTER_OTLP_ENDPOINT). Disposing the SDK at exit flushes what is still buffered.
using var telemetry = OpenTelemetrySdk.Create(otel => otel
    .ConfigureResource(resource => resource.AddService("inventory-api"))
    .WithTracing(tracing => tracing.AddSource("Microsoft.AspNetCore", "System.Net.Http"))
    .WithMetrics(metrics => metrics.AddMeter(
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.RateLimiting",
        "System.Net.Http",
        "System.Runtime"))
    .UseOtlpExporter());

// Kubernetes sends SIGTERM and waits 30 s; finish in-flight requests well before that.
builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(25));

builder.Services.AddDbContext<InventoryDbContext>(options => options.UseNpgsql(
    config.GetConnectionString("Inventory"),
    npgsql => npgsql.EnableRetryOnFailure(maxRetryCount: 3)));

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddScoped<StockService>();
builder.Services.AddRequestValidators();
builder.Services.AddProblemDetails();

// One pipeline for every supplier call, so the circuit breaker sees all of them.
var supplierPipeline = SupplierResilience.CreatePipeline(TimeProvider.System);
builder.Services.AddHttpClient<SupplierClient>(client =>
        client.BaseAddress = new Uri(config["Suppliers:BaseUrl"]
            ?? throw new InvalidOperationException("Suppliers:BaseUrl is not configured.")))
    .AddHttpMessageHandler(() => new ResilienceHandler(supplierPipeline));

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
// The check retries like every EF call; bound it so readiness says 503 well within a probe's timeout.
builder.Services.Configure<HealthCheckServiceOptions>(options =>
    options.Registrations.Single(check => check.Name == "database").Timeout = TimeSpan.FromSeconds(2));

// TLS ends at the ingress; only the ingress can reach the pods, so its forwarded headers are trusted.
builder.Services.Configure<ForwardedHeadersOptions>(options =>
{
    options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
    options.KnownIPNetworks.Clear();
    options.KnownProxies.Clear();
});
builder.Services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));

var app = builder.Build();

app.Lifetime.ApplicationStopping.Register(() => app.Logger.LogInformation("Shutdown requested; draining in-flight requests"));

app.UseForwardedHeaders();
app.UseMiddleware<CorrelationIdMiddleware>();
app.UseHttpLogging();
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

public partial class Program;
