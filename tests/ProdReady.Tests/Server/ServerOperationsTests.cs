using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using ProdReady.Server;
using ProdReady.Server.Auth;
using ProdReady.Server.Operations;

namespace ProdReady.Tests.Server;

/// <summary>Health, security headers, correlation ids, limits and metrics over real HTTP on loopback.</summary>
public sealed partial class ServerOperationsTests
{
    private static readonly (string Name, string Value)[] SecurityHeaderValues =
    [
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "no-referrer"),
        ("X-Frame-Options", "DENY"),
        ("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'"),
        ("Cross-Origin-Opener-Policy", "same-origin"),
        ("Cross-Origin-Resource-Policy", "same-origin"),
    ];

    [Fact]
    public async Task LivenessAndReadinessAnswerAnonymouslyWithJson()
    {
        await using var server = await SqliteServer.StartAsync();

        var live = await server.Client.GetAsync("/healthz/live");
        var ready = await server.Client.GetAsync("/healthz/ready");

        Assert.Equal((HttpStatusCode.OK, "application/json"), (live.StatusCode, live.Content.Headers.ContentType?.MediaType));
        Assert.Equal("""{"status":"healthy","checks":[]}""", await live.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var check = Assert.Single(JsonNode.Parse(await ready.Content.ReadAsStringAsync())!["checks"]!.AsArray());
        Assert.Equal(("database", "healthy"), ((string)check!["name"]!, (string)check["status"]!));
    }

    [Fact]
    public async Task ReadinessIs503NamingTheDatabaseWhenItFailsWhileLivenessStaysUp()
    {
        await using var server = await SqliteServer.StartAsync();
        BreakDatabase(server);

        var ready = await server.Client.GetAsync("/healthz/ready");
        var live = await server.Client.GetAsync("/healthz/live");

        var body = await ready.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var report = JsonNode.Parse(body)!;
        Assert.Equal("unhealthy", (string)report["status"]!);
        var check = Assert.Single(report["checks"]!.AsArray());
        Assert.Equal(("database", "unhealthy"), ((string)check!["name"]!, (string)check["status"]!));
        Assert.DoesNotContain("portfolio.db", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Data Source", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("SQLite", body, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    [Theory]
    [InlineData("/api/v1/services", true, HttpStatusCode.OK)]
    [InlineData("/api/v1/services", false, HttpStatusCode.Unauthorized)]
    [InlineData("/api/v1/services/nobody", true, HttpStatusCode.NotFound)]
    [InlineData("/no-such-page", false, HttpStatusCode.NotFound)]
    [InlineData("/healthz/live", false, HttpStatusCode.OK)]
    [InlineData("/api/v1/openapi.json", false, HttpStatusCode.OK)]
    public async Task EveryResponseCarriesTheSecurityHeaders(string path, bool withKey, HttpStatusCode status)
    {
        await using var server = await SqliteServer.StartAsync();
        var key = withKey ? await server.KeyAsync("reader", KeyScopes.Read) : null;

        var response = await server.Client.SendAsync(SqliteServer.Request(HttpMethod.Get, path, key));

        Assert.Equal(status, response.StatusCode);
        foreach (var (name, value) in SecurityHeaderValues)
        {
            Assert.Equal((name, value), (name, string.Join(", ", response.Headers.GetValues(name))));
        }
        Assert.True(response.Headers.CacheControl?.NoStore, $"{path}: Cache-Control {response.Headers.CacheControl}");
        Assert.False(response.Headers.Contains("Server"));
        Assert.False(response.Headers.Contains("Strict-Transport-Security")); // plain http
        Assert.Matches(GeneratedId(), Assert.Single(response.Headers.GetValues(CorrelationId.Header)));
    }

    [Fact]
    public async Task AServerErrorIsProblemJsonWithTheHeadersAndCorrelationIdAndNothingInternal()
    {
        await using var server = await SqliteServer.StartAsync(new ServerSettings { PublicRead = true });
        BreakDatabase(server);

        var response = await server.Client.GetAsync("/api/v1/services");

        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal((HttpStatusCode.InternalServerError, "application/problem+json"), (response.StatusCode, response.Content.Headers.ContentType?.MediaType));
        foreach (var (name, value) in SecurityHeaderValues)
        {
            Assert.Equal((name, value), (name, string.Join(", ", response.Headers.GetValues(name))));
        }
        Assert.Equal(Assert.Single(response.Headers.GetValues(CorrelationId.Header)), (string)JsonNode.Parse(body)!["correlationId"]!);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.DoesNotContain("SQLite", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("portfolio.db", body, StringComparison.Ordinal);
    }

    [Fact]
    public void HttpsResponsesGetHstsAndOwnPoliciesAreKept()
    {
        var context = new DefaultHttpContext();
        context.Request.Scheme = "https";
        context.Response.Headers.ContentSecurityPolicy = "default-src 'self'";
        context.Response.Headers.CacheControl = "public, max-age=3600";

        SecurityHeaders.Apply(context);

        Assert.Equal("max-age=31536000; includeSubDomains", context.Response.Headers.StrictTransportSecurity.ToString());
        Assert.Equal("default-src 'self'", context.Response.Headers.ContentSecurityPolicy.ToString());
        Assert.Equal("public, max-age=3600", context.Response.Headers.CacheControl.ToString());
    }

    [Theory]
    [InlineData("build-4711.step:2", "build-4711.step:2")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123", "0123456789012345678901234567890123456789012345678901234567890123")]
    [InlineData("01234567890123456789012345678901234567890123456789012345678901234", null)]
    [InlineData("id with spaces", null)]
    [InlineData("<script>", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void ACallersCorrelationIdIsKeptOnlyWhenShortAndSafe(string? incoming, string? kept)
    {
        var id = CorrelationId.Accept(incoming);

        if (kept is null)
        {
            Assert.Matches(GeneratedId(), id);
        }
        else
        {
            Assert.Equal(kept, id);
        }
    }

    [Fact]
    public async Task ProblemsCarryTheCorrelationIdOfTheirResponse()
    {
        await using var server = await SqliteServer.StartAsync();
        var request = SqliteServer.Request(HttpMethod.Get, "/api/v1/services?tier=gold", await server.KeyAsync("reader", KeyScopes.Read));
        request.Headers.Add(CorrelationId.Header, "ci-run-42");
        var generated = SqliteServer.Request(HttpMethod.Get, "/api/v1/services");

        var response = await server.Client.SendAsync(request);
        var anonymous = await server.Client.SendAsync(generated);

        Assert.Equal((HttpStatusCode.BadRequest, "application/problem+json"), (response.StatusCode, response.Content.Headers.ContentType?.MediaType));
        Assert.Equal("ci-run-42", Assert.Single(response.Headers.GetValues(CorrelationId.Header)));
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(("ci-run-42", "tier"), ((string)problem["correlationId"]!, (string)problem["field"]!));
        var unauthorized = JsonNode.Parse(await anonymous.Content.ReadAsStringAsync())!;
        Assert.Equal(Assert.Single(anonymous.Headers.GetValues(CorrelationId.Header)), (string)unauthorized["correlationId"]!);
    }

    [Fact]
    public async Task EachKeyHasItsOwnLimitAnd429SaysWhenToRetry()
    {
        await using var server = await SqliteServer.StartAsync(new ServerSettings { RateLimit = new RateLimit(3, TimeSpan.FromMinutes(1)) });
        var busy = await server.KeyAsync("busy", KeyScopes.Read);
        var other = await server.KeyAsync("other", KeyScopes.Read);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await server.Client.SendAsync(SqliteServer.Request(HttpMethod.Get, "/api/v1/services", busy))).StatusCode);
        }
        var limited = await server.Client.SendAsync(SqliteServer.Request(HttpMethod.Get, "/api/v1/services", busy));
        var otherKey = await server.Client.SendAsync(SqliteServer.Request(HttpMethod.Get, "/api/v1/services", other));
        var health = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => server.Client.GetAsync("/healthz/ready")));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal((HttpStatusCode.TooManyRequests, "application/problem+json"), (limited.StatusCode, limited.Content.Headers.ContentType?.MediaType));
        var retryAfter = limited.Headers.RetryAfter?.Delta?.TotalSeconds;
        Assert.True(retryAfter is >= 1 and <= 60, $"Retry-After {limited.Headers.RetryAfter}");
        var problem = JsonNode.Parse(await limited.Content.ReadAsStringAsync())!;
        Assert.Equal(("Too many requests", 429), ((string)problem["title"]!, (int)problem["status"]!));
        Assert.StartsWith("this caller is limited to 3/min; retry after ", (string)problem["detail"]!, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, otherKey.StatusCode);
        Assert.All(health, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
    }

    [Fact]
    public async Task OffMeansNoLimit()
    {
        await using var server = await SqliteServer.StartAsync(new ServerSettings { RateLimit = RateLimit.Off });

        var statuses = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => server.Client.GetAsync("/api/v1/services")));

        Assert.All(statuses, response => Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode));
    }

    [Theory]
    [InlineData("600/min", 600, 60)]
    [InlineData("50/s", 50, 1)]
    [InlineData(" 20000/h ", 20000, 3600)]
    public void RateLimitsReadAsRequestsPerWindow(string text, int permits, int seconds)
    {
        var limit = RateLimit.Parse(text, out var problem);

        Assert.Null(problem);
        Assert.Equal(new RateLimit(permits, TimeSpan.FromSeconds(seconds)), limit);
        Assert.Equal(text.Trim(), limit!.ToString());
    }

    [Theory]
    [InlineData("0/s")]
    [InlineData("10/day")]
    [InlineData("many")]
    [InlineData("")]
    public void ARateLimitThatIsNotOneIsRefusedWithAnExample(string text)
    {
        Assert.Null(RateLimit.Parse(text, out var problem));
        Assert.Equal($"'{text}' is not a rate limit: give requests per window (600/min, 50/s, 20000/h) or off", problem);
    }

    [Fact]
    public void OffIsNoLimit() => Assert.True(RateLimit.Parse("OFF", out _)!.IsOff);

    [Fact]
    public async Task AnOversizedPushGets413ProblemJson()
    {
        await using var server = await SqliteServer.StartAsync(new ServerSettings { MaxRequestBytes = 4096 });
        var key = await server.KeyAsync("ci", KeyScopes.Write);
        var body = new StringContent(SqliteServer.Assessment("orders"), Encoding.UTF8, "application/json");
        Assert.True(body.Headers.ContentLength > 4096);

        var response = await server.Client.SendAsync(SqliteServer.Request(HttpMethod.Post, "/api/v1/assessments", key, body));

        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, "application/problem+json"), (response.StatusCode, response.Content.Headers.ContentType?.MediaType));
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(("Assessment too large", 413), ((string)problem["title"]!, (int)problem["status"]!));
        Assert.Equal(Assert.Single(response.Headers.GetValues(CorrelationId.Header)), (string)problem["correlationId"]!);
        Assert.Empty(await server.Store.ServicesAsync());
    }

    [Fact]
    public async Task TooManyOrTooLargeHeadersGet431()
    {
        await using var server = await SqliteServer.StartAsync();
        var many = SqliteServer.Request(HttpMethod.Get, "/healthz/live");
        for (var i = 0; i < ServerOperations.MaxRequestHeaderCount; i++)
        {
            many.Headers.Add($"X-Pad-{i}", "x");
        }
        var large = SqliteServer.Request(HttpMethod.Get, "/healthz/live");
        large.Headers.Add("X-Pad", new string('a', ServerOperations.MaxRequestHeadersBytes));

        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, (await server.Client.SendAsync(many)).StatusCode);
        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, (await server.Client.SendAsync(large)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("/healthz/live")).StatusCode);
    }

    [Fact]
    public async Task MetricsNeedAReadKeyAndCountRequestsIngestsAndServices()
    {
        await using var server = await SqliteServer.StartAsync(new ServerSettings { PublicRead = true });
        var reader = await server.KeyAsync("prometheus", KeyScopes.Read);
        var ci = await server.KeyAsync("ci", KeyScopes.Write);
        var push = () => SqliteServer.Request(HttpMethod.Post, "/api/v1/assessments", ci, new StringContent(SqliteServer.Assessment("orders"), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, (await server.Client.SendAsync(push())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.Client.SendAsync(push())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("/api/v1/services/orders")).StatusCode);

        var anonymous = await server.Client.GetAsync("/metrics");
        var writeOnly = await server.Client.SendAsync(SqliteServer.Request(HttpMethod.Get, "/metrics", ci));
        var scraped = await server.Client.SendAsync(SqliteServer.Request(HttpMethod.Get, "/metrics", reader));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, writeOnly.StatusCode);
        Assert.Equal(HttpStatusCode.OK, scraped.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", scraped.Content.Headers.ContentType?.ToString());
        var lines = (await scraped.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("""prodready_http_requests_total{method="POST",route="/api/v1/assessments",status="201"} 1""", lines);
        Assert.Contains("""prodready_http_requests_total{method="POST",route="/api/v1/assessments",status="200"} 1""", lines);
        Assert.Contains("""prodready_http_requests_total{method="GET",route="/api/v1/services/{name}",status="200"} 1""", lines);
        Assert.Contains("""prodready_http_requests_total{method="GET",route="/metrics",status="401"} 1""", lines);
        Assert.Contains("""prodready_http_request_duration_seconds_count{route="/api/v1/assessments"} 2""", lines);
        Assert.Contains("""prodready_http_request_duration_seconds_bucket{route="/api/v1/assessments",le="+Inf"} 2""", lines);
        Assert.Contains("""prodready_assessments_ingested_total{outcome="stored"} 1""", lines);
        Assert.Contains("""prodready_assessments_ingested_total{outcome="already_stored"} 1""", lines);
        Assert.Contains("prodready_services 1", lines);
        Assert.Contains("prodready_store_up 1", lines);
        Assert.Contains("# TYPE prodready_webhook_deliveries_total counter", lines);
        Assert.Contains(lines, line => line.StartsWith("process_resident_memory_bytes ", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith("prodready_uptime_seconds ", StringComparison.Ordinal));
        Assert.All(lines, line => Assert.Matches(ExpositionLine(), line));
    }

    /// <summary>The database goes away: its file (and journal) become a folder, which SQLite cannot open.</summary>
    private static void BreakDatabase(SqliteServer server)
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(server.DatabaseFile)!, "portfolio.db*"))
        {
            File.Delete(file);
        }
        Directory.CreateDirectory(server.DatabaseFile);
    }

    /// <summary>What the server generates: a version 7 GUID's 32 hex digits.</summary>
    [GeneratedRegex("^[0-9a-f]{32}$", RegexOptions.CultureInvariant)]
    private static partial Regex GeneratedId();

    /// <summary>A comment (HELP, TYPE) or a sample: name, optional labels, a number.</summary>
    [GeneratedRegex("""^(# (HELP|TYPE) [a-z_:][a-z0-9_:]* .+|[a-z_:][a-z0-9_:]*(\{[a-z_]+="[^"\\\n]*"(,[a-z_]+="[^"\\\n]*")*\})? (-?[0-9.eE+-]+|\+Inf))$""", RegexOptions.CultureInvariant)]
    private static partial Regex ExpositionLine();
}
