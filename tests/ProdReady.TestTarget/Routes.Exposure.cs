using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ProdReady.TestTarget;

/// <summary>Metrics, admin and debug endpoints, each answering as the real one does.</summary>
internal static partial class Routes
{
    public static void MapExposure(WebApplication app, TargetBehaviour behaviour)
    {
        var exposed = behaviour.Exposed;
        if (exposed.HasFlag(Exposed.PrometheusMetrics))
        {
            app.MapGet("/metrics", () => Results.Text(PrometheusText, "text/plain; version=0.0.4; charset=utf-8"));
        }
        if (exposed.HasFlag(Exposed.Expvar))
        {
            app.MapGet("/debug/vars", () => Results.Text(ExpvarJson, "application/json; charset=utf-8"));
        }
        if (exposed.HasFlag(Exposed.Actuator))
        {
            MapActuator(app);
        }
        if (exposed.HasFlag(Exposed.DotEnv))
        {
            app.MapGet("/.env", () => Results.Text(DotEnv, "application/octet-stream"));
        }
        if (exposed.HasFlag(Exposed.GitConfig))
        {
            app.MapGet("/.git/config", () => Results.Text(GitConfig, "text/plain"));
        }
        if (exposed.HasFlag(Exposed.Pprof))
        {
            app.MapGet("/debug/pprof/", () => Results.Content(PprofIndex, "text/html; charset=utf-8"));
        }
    }

    /// <summary>The index lists what is exposed; the heap dump answers HEAD only, so a GET would show in the test.</summary>
    private static void MapActuator(WebApplication app)
    {
        app.MapGet("/actuator", (HttpContext context) =>
        {
            var root = $"{context.Request.Scheme}://{context.Request.Host}/actuator";
            return Results.Json(new
            {
                _links = new Dictionary<string, object>
                {
                    ["self"] = new { href = root, templated = false },
                    ["env"] = new { href = $"{root}/env", templated = false },
                    ["heapdump"] = new { href = $"{root}/heapdump", templated = false },
                    ["prometheus"] = new { href = $"{root}/prometheus", templated = false },
                },
            }, contentType: "application/vnd.spring-boot.actuator.v3+json");
        });
        app.MapGet("/actuator/env", () => Results.Text(ActuatorEnv, "application/vnd.spring-boot.actuator.v3+json"));
        app.MapMethods("/actuator/heapdump", ["HEAD"], (HttpContext context) =>
        {
            context.Response.ContentType = "application/octet-stream";
            context.Response.ContentLength = 64L * 1024 * 1024;
            return Task.CompletedTask;
        });
        app.MapGet("/actuator/prometheus", () => Results.Text(PrometheusText, "text/plain; version=0.0.4; charset=utf-8"));
    }

    private const string PrometheusText = """
        # HELP http_requests_total Total HTTP requests.
        # TYPE http_requests_total counter
        http_requests_total{method="GET",code="200"} 1027

        """;

    private const string ExpvarJson = """
        {
        "cmdline": ["/app/orders","-listen=:8080"],
        "memstats": {"Alloc":1261456,"TotalAlloc":1261456,"Sys":7168016,"NumGC":0}
        }

        """;

    private const string DotEnv = """
        # production settings
        APP_ENV=production
        DATABASE_URL=postgres://orders:s3cret@db.internal:5432/orders
        STRIPE_SECRET_KEY=sk_live_51Hx9abcdef

        """;

    private const string GitConfig = """
        [core]
        	repositoryformatversion = 0
        	bare = false
        [remote "origin"]
        	url = https://deploy:tok3n@git.example.test/acme/orders.git

        """;

    private const string PprofIndex = """
        <html>
        <head>
        <title>/debug/pprof/</title>
        </head>
        <body>
        /debug/pprof/
        <br>
        <p>Set debug=1 as a query parameter to export in legacy text format</p>
        <br>
        Types of profiles available:
        <table>
        <thead><td>Count</td><td>Profile</td></thead>
        <tr><td>7</td><td><a href='goroutine?debug=1'>goroutine</a></td></tr>
        </table>
        </body>
        </html>

        """;

    private const string ActuatorEnv = """{"activeProfiles":["prod"],"propertySources":[{"name":"systemEnvironment","properties":{"DB_PASSWORD":{"value":"******","origin":"System Environment Property \"DB_PASSWORD\""}}}]}""";
}
