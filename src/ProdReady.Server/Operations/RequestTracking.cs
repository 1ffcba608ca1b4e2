using System.Diagnostics;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace ProdReady.Server.Operations;

/// <summary>
/// The outermost middleware: gives the request its correlation id (logging scope, response header), puts the
/// security headers on whatever answers, and when the response ends writes the one access log line and the metrics.
/// </summary>
public sealed partial class RequestTracking(RequestDelegate next, ILoggerFactory loggers, ServerMetrics metrics)
{
    public const string AccessCategory = "ProdReady.Server.Access";

    private const string PushEndpoint = "pushAssessment";

    private readonly ILogger _access = loggers.CreateLogger(AccessCategory);

    public async Task InvokeAsync(HttpContext context)
    {
        var id = CorrelationId.Accept(context.Request.Headers[CorrelationId.Header] is [{ } single] ? single : null);
        CorrelationId.Set(context, id);
        context.Response.OnStarting(() =>
        {
            SecurityHeaders.Apply(context);
            context.Response.Headers[CorrelationId.Header] = id;
            return Task.CompletedTask;
        });
        using var scope = _access.BeginScope(new CorrelationScope(id));
        var started = Stopwatch.GetTimestamp();
        var failed = false;
        try
        {
            await next(context);
        }
        catch
        {
            failed = true;
            throw;
        }
        finally
        {
            Completed(context, failed ? StatusCodes.Status500InternalServerError : context.Response.StatusCode, Stopwatch.GetElapsedTime(started));
        }
    }

    private void Completed(HttpContext context, int status, TimeSpan elapsed)
    {
        var endpoint = context.GetEndpoint();
        var route = endpoint is RouteEndpoint { RoutePattern.RawText: { } template } ? template : "unmatched";
        metrics.RequestCompleted(context.Request.Method, route, status, elapsed);
        if (endpoint?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName == PushEndpoint && IngestOutcome(status) is { } outcome)
        {
            metrics.AssessmentIngested(outcome);
        }
        // Orchestrators poll health every few seconds: those lines are there when asked for (Debug), not by default.
        var level = route.StartsWith(ServerOperations.HealthPrefix, StringComparison.Ordinal) ? LogLevel.Debug : LogLevel.Information;
        var key = context.User.Identity?.IsAuthenticated == true ? context.User.FindFirstValue(ClaimTypes.Name) : null;
        Access(_access, level, context.Request.Method, $"{context.Request.PathBase}{context.Request.Path}", status,
            Math.Round(elapsed.TotalMilliseconds, 1), key ?? "-");
    }

    /// <summary>What a push's status says happened to the assessment; null when it never got to the ingest (401, 403, 429).</summary>
    private static string? IngestOutcome(int status) => status switch
    {
        StatusCodes.Status201Created => "stored",
        StatusCodes.Status200OK => "already_stored",
        StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden or StatusCodes.Status429TooManyRequests => null,
        < 500 => "invalid",
        _ => "failed",
    };

    [LoggerMessage(EventId = 1, EventName = "Access", Message = "{Method} {Path} {Status} {DurationMs} ms key {Key}")]
    private static partial void Access(ILogger logger, LogLevel level, string method, string path, int status, double durationMs, string key);
}
