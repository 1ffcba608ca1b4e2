using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ProdReady.Model;
using ProdReady.Server;
using ProdReady.Server.Auth;
using ProdReady.Server.Store;
using ProdReady.Server.Webhooks;
using HistoryScans = ProdReady.Tests.History.Scans;

namespace ProdReady.Tests.Server;

public sealed class SqliteApiTests : ApiTests
{
    protected override Task<StoreDatabase> CreateDatabaseAsync() => Task.FromResult(StoreDatabase.SqliteIn(Temp));
}

public sealed class PostgresApiTests(PostgresCluster cluster) : ApiTests, IClassFixture<PostgresCluster>
{
    protected override async Task<StoreDatabase> CreateDatabaseAsync() => new(StoreProvider.Postgres, await cluster.CreateDatabaseAsync());
}

/// <summary>The API over real HTTP on loopback, on a real database: pushing, reading, keys and their scopes, validation as problem+json.</summary>
public abstract class ApiTests : StoreTests
{
    private const string Control = "sec.api-auth";
    private static readonly DateTimeOffset Today = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    private readonly ManualClock _clock = new(Today);

    [Fact]
    public async Task APushIsStoredOnceAndReadBackAsPushed()
    {
        var (server, store) = await Start();
        await using var _ = server;
        var writer = server.Client(await Key(store, "ci", KeyScopes.Write));
        var json = ServerScans.Json("orders", "team-a", ServiceTier.Critical, 'a');

        var first = await writer.PostAsync("/api/v1/assessments?repo=https%3A%2F%2Fgit.example%2Forders", Json(json));
        var second = await writer.PostAsync("/api/v1/assessments", Json(json));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var stored = await Body(first);
        var id = stored["id"]!.GetValue<long>();
        Assert.Equal(("orders", "stored", $"/api/v1/assessments/{id}"), (stored["service"]!.GetValue<string>(), stored["outcome"]!.GetValue<string>(), stored["location"]!.GetValue<string>()));
        Assert.Equal($"/api/v1/assessments/{id}", first.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(("already-stored", id), ((await Body(second))["outcome"]!.GetValue<string>(), (await Body(second))["id"]!.GetValue<long>()));

        var reader = server.Client(await Key(store, "dashboard", KeyScopes.Read));
        Assert.Equal(json, await reader.GetStringAsync($"/api/v1/assessments/{id}"));
        var service = await Body(await reader.GetAsync("/api/v1/services/orders"));
        Assert.Equal(("orders", "team-a", "critical", "https://git.example/orders"),
            (service["service"]!["name"]!.GetValue<string>(), service["service"]!["owner"]!.GetValue<string>(), service["service"]!["tier"]!.GetValue<string>(), service["service"]!["repo"]!.GetValue<string>()));
        var assessment = Assert.Single(service["assessments"]!.AsArray())!;
        Assert.Equal((id, HistoryScans.Commit('a')), (assessment["id"]!.GetValue<long>(), assessment["commit"]!.GetValue<string>()));
        Assert.Equal(HistoryScans.Sample.Scores.Categories.Select(score => score.Name), assessment["scores"]!.AsArray().Select(score => score!["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task TheListGivesLatestScoreLevelP0FailuresTrendAndStaleness()
    {
        var (server, store) = await Start();
        await using var _ = server;
        var failing = ServerScans.Status(HistoryScans.At(HistoryScans.Commit('a')), Control, ResultStatus.Fail);
        var passing = ServerScans.Status(HistoryScans.At(HistoryScans.Commit('b'), minutes: 60 * 24 * 20), Control, ResultStatus.Pass);
        await Ingest(store, ServerScans.Json(failing, "payments", "team-a", ServiceTier.Critical), ServerScans.Json(passing, "payments", "team-a", ServiceTier.Critical));
        await Ingest(store, ServerScans.Json(failing, "search", "team-b", ServiceTier.Standard));
        _clock.Now = passing.Time.AddDays(1);
        var reader = server.Client(await Key(store, "dashboard", KeyScopes.Read));

        var all = (await Body(await reader.GetAsync("/api/v1/services?trend=5"))).AsArray();

        Assert.Equal(["payments", "search"], all.Select(service => service!["name"]!.GetValue<string>()));
        var payments = all[0]!;
        Assert.Equal((passing.Scores.Overall.Value, passing.Scores.Level.ToId(), ServerScans.P0Failures(passing), false),
            (payments["latest"]!["overall"]!.GetValue<double?>(), payments["latest"]!["level"]!.GetValue<string>(), payments["latest"]!["p0Failures"]!.GetValue<int>(), payments["stale"]!.GetValue<bool>()));
        Assert.Equal([failing.Scores.Overall.Value, passing.Scores.Overall.Value], payments["trend"]!.AsArray().Select(point => point!.GetValue<double?>()));
        Assert.Equal((ServerScans.P0Failures(passing) + 1, true), (all[1]!["latest"]!["p0Failures"]!.GetValue<int>(), all[1]!["stale"]!.GetValue<bool>()));
        Assert.Equal(["search"], (await Body(await reader.GetAsync("/api/v1/services?owner=team-b"))).AsArray().Select(service => service!["name"]!.GetValue<string>()));
        Assert.Equal(["payments"], (await Body(await reader.GetAsync("/api/v1/services?tier=critical"))).AsArray().Select(service => service!["name"]!.GetValue<string>()));
        await AssertProblem(await reader.GetAsync("/api/v1/services?tier=gold"), HttpStatusCode.BadRequest, "tier", "unknown tier 'gold'; expected critical, standard or experimental");
        await AssertProblem(await reader.GetAsync("/api/v1/services?trend=0"), HttpStatusCode.BadRequest, "trend", "0 points; ask for 1 to 100");
        await AssertProblem(await reader.GetAsync("/api/v1/services/unknown"), HttpStatusCode.NotFound, null, "no service named 'unknown'");

        var campaign = await Body(await reader.GetAsync($"/api/v1/controls/{Control}"));
        Assert.Equal(1, campaign["failing"]!.GetValue<int>());
        Assert.Equal([("search", "fail"), ("payments", "pass")],
            campaign["services"]!.AsArray().Select(standing => (standing!["service"]!.GetValue<string>(), standing["status"]!.GetValue<string>())));
    }

    [Fact]
    public async Task AnInvalidPushIsAProblemNamingTheField()
    {
        var json = ServerScans.Json("orders", null, ServiceTier.Standard, 'a');
        var (server, store) = await Start(new ServerSettings { MaxRequestBytes = json.Length + 1024 });
        await using var _ = server;
        var writer = server.Client(await Key(store, "ci", KeyScopes.Write));
        var document = JsonNode.Parse(json)!;
        document["results"]![2]!["status"] = "great";

        await AssertProblem(await writer.PostAsync("/api/v1/assessments", Json(document.ToJsonString())), HttpStatusCode.BadRequest, "results[2].status", "unknown value 'great'");
        await AssertProblem(await writer.PostAsync("/api/v1/assessments?service=a%2Fb", Json(ServerScans.Json(null, null, ServiceTier.Standard, 'a'))),
            HttpStatusCode.BadRequest, "service", "contains a control character or one of / \\ ? # %, which a service name cannot");
        await AssertProblem(await writer.PostAsync("/api/v1/assessments", new StringContent("{}", Encoding.UTF8, "text/plain")),
            HttpStatusCode.UnsupportedMediaType, null, null);
        var invalidUtf8 = new ByteArrayContent([(byte)'{', 0xC3, 0x28, (byte)'}']);
        invalidUtf8.Headers.ContentType = new("application/json");
        await AssertProblem(await writer.PostAsync("/api/v1/assessments", invalidUtf8), HttpStatusCode.BadRequest, "$", "the body is not valid UTF-8");
        var tooLarge = await writer.PostAsync("/api/v1/assessments", Json(json.PadRight(json.Length + 2048)));
        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, "application/problem+json"), (tooLarge.StatusCode, tooLarge.Content.Headers.ContentType?.MediaType));
        Assert.Empty(await store.ServicesAsync());
    }

    [Fact]
    public async Task KeysAreCheckedForEveryRequestAndScopesLimitThem()
    {
        var (server, store) = await Start();
        await using var _ = server;
        var writeKey = await Key(store, "ci", KeyScopes.Write);
        var readKey = await Key(store, "dashboard", KeyScopes.Read);
        var push = () => Json(ServerScans.Json("orders", null, ServiceTier.Standard, 'a'));

        var anonymous = await server.Client().GetAsync("/api/v1/services");
        await AssertProblem(anonymous, HttpStatusCode.Unauthorized, null, "send an API key as `Authorization: Bearer <key>` (create one with `prodready keys create`)");
        Assert.Equal("Bearer", anonymous.Headers.WwwAuthenticate.Single().Scheme);
        var wrongSecret = writeKey[..^4] + (writeKey.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
        await AssertProblem(await server.Client(wrongSecret).GetAsync("/api/v1/services"), HttpStatusCode.Unauthorized, null, "the API key is not valid (unknown, revoked or expired)");
        await AssertProblem(await server.Client("not-a-key").GetAsync("/api/v1/services"), HttpStatusCode.Unauthorized, null, "the API key is not valid (unknown, revoked or expired)");
        await AssertProblem(await server.Client(readKey).PostAsync("/api/v1/assessments", push()), HttpStatusCode.Forbidden, null, "this key's scopes do not allow this request");
        await AssertProblem(await server.Client(writeKey).GetAsync("/api/v1/services"), HttpStatusCode.Forbidden, null, "this key's scopes do not allow this request");
        Assert.Equal(HttpStatusCode.Created, (await server.Client(writeKey).PostAsync("/api/v1/assessments", push())).StatusCode);

        // Revoked elsewhere (as `prodready keys revoke` does, in another process): refused at the next request.
        Assert.True(await store.RevokeKeyAsync("ci"));
        await AssertProblem(await server.Client(writeKey).PostAsync("/api/v1/assessments", push()), HttpStatusCode.Unauthorized, null, "the API key is not valid (unknown, revoked or expired)");

        var expiring = (await store.CreateKeyAsync("temporary", [KeyScopes.Read], Today.AddDays(1)))!.Value.Issued.Key;
        Assert.Equal(HttpStatusCode.OK, (await server.Client(expiring).GetAsync("/api/v1/services")).StatusCode);
        _clock.Now = Today.AddDays(1);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Client(expiring).GetAsync("/api/v1/services")).StatusCode);

        // Each key was last used when its first request was accepted (writes are at most once a minute per key).
        Assert.Equal([("ci", Today), ("dashboard", Today), ("temporary", Today)], (await store.KeysAsync()).Select(key => (key.Name, key.LastUsedAt)));
    }

    [Fact]
    public async Task PublicReadOpensReadingButNotPushing()
    {
        var (server, store) = await Start(new ServerSettings { PublicRead = true });
        await using var _ = server;
        await Ingest(store, ServerScans.Json("orders", null, ServiceTier.Standard, 'a'));

        Assert.Equal(["orders"], (await Body(await server.Client().GetAsync("/api/v1/services"))).AsArray().Select(service => service!["name"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Client().PostAsync("/api/v1/assessments", Json(ServerScans.Json("orders", null, ServiceTier.Standard, 'b')))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Client().GetAsync("/api/v1/keys")).StatusCode);
    }

    [Fact]
    public async Task AnAdminKeyManagesKeysAndTheListNeverShowsOne()
    {
        var (server, store) = await Start();
        await using var _ = server;
        var admin = server.Client(await Key(store, "operator", KeyScopes.Admin));

        var created = await admin.PostAsJsonAsync("/api/v1/keys", new { name = "ci-payments", scopes = new[] { "assessments:write" }, expiresAt = Today.AddDays(90) });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await Body(created);
        var key = body["key"]!.GetValue<string>();
        Assert.Equal(["assessments:write"], body["record"]!["scopes"]!.AsArray().Select(scope => scope!.GetValue<string>()));
        Assert.Equal(Today.AddDays(90), body["record"]!["expiresAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(HttpStatusCode.Created, (await server.Client(key).PostAsync("/api/v1/assessments", Json(ServerScans.Json("payments", null, ServiceTier.Standard, 'a')))).StatusCode);
        var listed = await admin.GetStringAsync("/api/v1/keys");
        Assert.DoesNotContain(key, listed, StringComparison.Ordinal);
        Assert.DoesNotContain("hash", listed, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("salt", listed, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(["ci-payments", "operator"], JsonNode.Parse(listed)!.AsArray().Select(record => record!["name"]!.GetValue<string>()));

        await AssertProblem(await admin.PostAsJsonAsync("/api/v1/keys", new { name = "ci-payments", scopes = new[] { "read" } }), HttpStatusCode.Conflict, null,
            "a key named 'ci-payments' exists (names are never reused, revoked keys included)");
        await AssertProblem(await admin.PostAsJsonAsync("/api/v1/keys", new { name = "x", scopes = new[] { "write" } }), HttpStatusCode.BadRequest, "scopes",
            "unknown scope 'write'; expected assessments:write, read, admin");
        await AssertProblem(await admin.PostAsJsonAsync("/api/v1/keys", new { name = "x", scopes = new[] { "read" }, expiresAt = Today.AddDays(-1) }), HttpStatusCode.BadRequest, "expiresAt",
            "2026-11-21T09:00:00.0000000+00:00 is not in the future");
        await AssertProblem(await admin.PostAsync("/api/v1/keys", Json("{\"name\": ")), HttpStatusCode.BadRequest, "name", "not valid JSON (line 1); expected {\"name\": ..., \"scopes\": [...], \"expiresAt\": ...}");
        await AssertProblem(await server.Client(key).GetAsync("/api/v1/keys"), HttpStatusCode.Forbidden, null, "this key's scopes do not allow this request");

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/api/v1/keys/ci-payments")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Client(key).PostAsync("/api/v1/assessments", Json(ServerScans.Json("payments", null, ServiceTier.Standard, 'b')))).StatusCode);
        await AssertProblem(await admin.DeleteAsync("/api/v1/keys/ci-payments"), HttpStatusCode.NotFound, null, "no active key named 'ci-payments'");
    }

    [Fact]
    public async Task AnAdminSeesDeadLettersAndSendsThemAgain()
    {
        await using var receiver = WebhookReceiver.Start();
        receiver.Respond(500, 200);
        var webhooks = new WebhookOptions { Urls = [receiver.Url + "/hooks"], Secret = "a-secret-of-some-length", MaxAttempts = 1 };
        var (server, store) = await Start(new ServerSettings { Webhooks = webhooks });
        await using var _ = server;
        var admin = server.Client(await Key(store, "operator", KeyScopes.Admin));
        var writer = server.Client(await Key(store, "ci", KeyScopes.Write));

        Assert.Equal(HttpStatusCode.Created, (await writer.PostAsync("/api/v1/assessments", Json(ServerScans.Json("orders", null, ServiceTier.Standard, 'a')))).StatusCode);
        var deadLetters = await Eventually(async () => (await Body(await admin.GetAsync("/api/v1/webhooks/dead-letters"))).AsArray(), letters => letters.Count == 1);

        var letter = deadLetters.Single()!;
        Assert.Equal(("orders", "p0.failing", receiver.Url + "/hooks", 1, "HTTP 500"),
            (letter["service"]!.GetValue<string>(), letter["event"]!.GetValue<string>(), letter["url"]!.GetValue<string>(), letter["attempts"]!.GetValue<int>(), letter["lastError"]!.GetValue<string>()));
        var id = letter["id"]!.GetValue<long>();
        await AssertProblem(await writer.GetAsync("/api/v1/webhooks/dead-letters"), HttpStatusCode.Forbidden, null, "this key's scopes do not allow this request");
        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync($"/api/v1/webhooks/dead-letters/{id}/resend", null)).StatusCode);
        await Eventually(() => Task.FromResult(receiver.Requests), requests => requests.Count == 2);
        Assert.Equal(receiver.Requests[0].Body, receiver.Requests[1].Body);
        Assert.Empty(await Eventually(async () => (await Body(await admin.GetAsync("/api/v1/webhooks/dead-letters"))).AsArray(), letters => letters.Count == 0));
        var metrics = await admin.GetStringAsync("/metrics");
        Assert.Contains("prodready_webhook_deliveries_total{outcome=\"dead_lettered\"} 1\n", metrics, StringComparison.Ordinal);
        Assert.Contains("prodready_webhook_deliveries_total{outcome=\"delivered\"} 1\n", metrics, StringComparison.Ordinal);
        await AssertProblem(await admin.PostAsync($"/api/v1/webhooks/dead-letters/{id}/resend", null), HttpStatusCode.NotFound, null, $"no dead letter {id}");
    }

    /// <summary>What <paramref name="read"/> returns once <paramref name="done"/> holds: the server's delivery loop runs every 2 s.</summary>
    private static async Task<T> Eventually<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        for (var attempt = 0; ; attempt++)
        {
            var value = await read();
            if (done(value) || attempt == 150)
            {
                return value;
            }
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task TheOpenApiDocumentDescribesEveryOperationAndTheKeyScheme()
    {
        var (server, _) = await Start();
        await using var __ = server;

        var document = await Body(await server.Client().GetAsync("/api/v1/openapi.json"));

        var operations = document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject().Select(operation => $"{operation.Key.ToUpperInvariant()} {path.Key}")).Order(StringComparer.Ordinal);
        Assert.Equal(
            [
                "DELETE /api/v1/keys/{name}", "GET /api/v1/assessments/{id}", "GET /api/v1/controls/{id}", "GET /api/v1/keys", "GET /api/v1/services",
                "GET /api/v1/services/{name}", "GET /api/v1/webhooks/dead-letters", "POST /api/v1/assessments", "POST /api/v1/keys", "POST /api/v1/webhooks/dead-letters/{id}/resend",
            ],
            operations);
        Assert.Equal(("http", "bearer"), (document["components"]!["securitySchemes"]!["apiKey"]!["type"]!.GetValue<string>(), document["components"]!["securitySchemes"]!["apiKey"]!["scheme"]!.GetValue<string>()));
    }

    private async Task<(RunningServer Server, PortfolioStore Store)> Start(ServerSettings? settings = null)
    {
        var store = await Open(_clock);
        return (await RunningServer.StartAsync(store, settings, _clock), store);
    }

    private static async Task<string> Key(PortfolioStore store, string name, string scope) => (await store.CreateKeyAsync(name, [scope], null))!.Value.Issued.Key;

    private static async Task Ingest(PortfolioStore store, params string[] documents)
    {
        foreach (var document in documents)
        {
            Assert.Equal(IngestOutcome.Stored, (await store.IngestAsync(document)).Outcome);
        }
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<JsonNode> Body(HttpResponseMessage response) => JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

    private static async Task AssertProblem(HttpResponseMessage response, HttpStatusCode status, string? field, string? detail)
    {
        Assert.Equal((status, "application/problem+json"), (response.StatusCode, response.Content.Headers.ContentType?.MediaType));
        var problem = await Body(response);
        Assert.Equal((field, detail, (int)status), (problem["field"]?.GetValue<string>(), problem["detail"]?.GetValue<string>(), problem["status"]!.GetValue<int>()));
    }
}
