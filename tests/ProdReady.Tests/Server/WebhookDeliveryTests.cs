using System.Globalization;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using ProdReady.Model;
using ProdReady.Server.Store;
using ProdReady.Server.Webhooks;
using ProdReady.Tests.Support;
using HistoryScans = ProdReady.Tests.History.Scans;

namespace ProdReady.Tests.Server;

/// <summary>Webhooks against SQLite on a temp file.</summary>
public sealed class SqliteWebhookDeliveryTests : WebhookDeliveryTests
{
    protected override Task<StoreDatabase> CreateDatabaseAsync() => Task.FromResult(StoreDatabase.SqliteIn(Temp));
}

/// <summary>The same tests against a private PostgreSQL cluster on loopback.</summary>
public sealed class PostgresWebhookDeliveryTests(PostgresCluster cluster) : WebhookDeliveryTests, IClassFixture<PostgresCluster>
{
    protected override async Task<StoreDatabase> CreateDatabaseAsync() => new(StoreProvider.Postgres, await cluster.CreateDatabaseAsync());
}

/// <summary>
/// Webhooks end to end on a real database and a real HTTP receiver: the events ingest queues, the signed requests the
/// dispatcher sends, its retries with backoff, dead letters and their resending.
/// </summary>
public abstract class WebhookDeliveryTests : StoreTests
{
    private const string Secret = "whsec-test-secret";
    private const string AuthControl = "sec.api-auth";
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero));

    private WebhookReceiver Receiver { get; } = WebhookReceiver.Start();

    public override async Task DisposeAsync()
    {
        await Receiver.DisposeAsync();
        await base.DisposeAsync();
    }

    /// <summary>The node sample as scanned: not ready, eight P0 controls failing.</summary>
    private static Assessment Sample(char commit, int minutes) => HistoryScans.At(HistoryScans.Commit(commit), minutes);

    /// <summary>The sample with every failing control fixed: a level above not-ready.</summary>
    private static Assessment Healthy(char commit, int minutes)
    {
        var scan = Sample(commit, minutes);
        return scan.Results.Where(result => result.Status == ResultStatus.Fail)
            .Aggregate(scan, (fixedUp, result) => ServerScans.Status(fixedUp, result.Control.Id, ResultStatus.Pass));
    }

    private static string[] FailingP0(Assessment scan) =>
        [.. scan.Results.Where(result => result.Control.Priority == Priority.P0 && result.Status == ResultStatus.Fail)
            .Select(result => result.Control.Id).Order(StringComparer.Ordinal)];

    [Fact]
    public async Task AFirstAssessmentWithFailingP0ControlsIsDeliveredSignedToEachEndpoint()
    {
        var store = await OpenWith(new WebhookOptions { Urls = [$"{Receiver.Url}/a", $"{Receiver.Url}/b"], Secret = Secret });
        var scan = Sample('a', 0);

        await Ingest(store, scan);
        using var dispatcher = new WebhookDispatcher(store);
        var sent = await dispatcher.DeliverDueAsync();

        Assert.Equal(2, sent);
        var assessmentId = Assert.Single(await Rows<long>("SELECT id FROM assessments"));
        var deliveries = await Deliveries();
        Assert.Equal([("p0.failing", $"{Receiver.Url}/a"), ("p0.failing", $"{Receiver.Url}/b")], deliveries.Select(row => (row.Event, row.Url)));
        Assert.All(deliveries, row => Assert.Equal((1, Stored(_clock.GetUtcNow()), null), (row.Attempts, row.DeliveredAt, row.NextAttemptAt)));
        Assert.Equal(8, FailingP0(scan).Length);
        var controls = string.Join(",", FailingP0(scan).Select(id => $$"""{"id":"{{id}}","priority":"P0","status":"fail"}"""));
        var overall = scan.Scores.Overall.Value!.Value.ToString(CultureInfo.InvariantCulture);
        Assert.Equal(
            $$"""{"event":"p0.failing","service":{"name":"orders","owner":"team-a","tier":"critical"},"assessment":{"id":{{assessmentId}},"commit":"{{HistoryScans.Commit('a')}}","scannedAt":"2026-11-21T10:00:00Z","overall":{{overall}},"level":"not-ready"},"previous":null,"controls":[{{controls}}],"deliveryId":{{deliveries[0].Id}}}""",
            deliveries[0].Payload);

        var received = Receiver.Requests.OrderBy(request => request.Path, StringComparer.Ordinal).ToList();
        Assert.Equal(["/a", "/b"], received.Select(request => request.Path));
        Assert.Equal(deliveries.Select(row => row.Payload), received.Select(request => request.Body));
        Assert.Equal(deliveries.Select(row => row.Id.ToString(CultureInfo.InvariantCulture)), received.Select(request => request.Delivery));
        Assert.All(received, request =>
        {
            Assert.Equal(("p0.failing", "application/json; charset=utf-8"), (request.Event, request.ContentType));
            Assert.Equal($"t={_clock.GetUtcNow().ToUnixTimeSeconds()},", request.Signature![..13]);
            Assert.True(WebhookSignature.Verify(request.Signature, request.Body, Secret, _clock.GetUtcNow(), Tolerance));
            Assert.False(WebhookSignature.Verify(request.Signature, request.Body.Replace("team-a", "team-b", StringComparison.Ordinal), Secret, _clock.GetUtcNow(), Tolerance));
            Assert.False(WebhookSignature.Verify(request.Signature, request.Body, Secret, _clock.GetUtcNow().AddMinutes(6), Tolerance));
        });
        Assert.Equal(0, await dispatcher.DeliverDueAsync());
    }

    [Fact]
    public async Task TheSameLevelAndTheSameFailuresAgainQueueNothing()
    {
        var store = await OpenWith(Options());

        await Ingest(store, Sample('a', 0), Sample('b', 5));

        Assert.Equal(["p0.failing"], (await Deliveries()).Select(row => row.Event));
    }

    [Fact]
    public async Task ALevelDropIsDeliveredWithThePreviousLevelAndTheNewlyFailingP0()
    {
        var store = await OpenWith(Options());
        var healthy = Healthy('a', 0);
        var broken = ServerScans.Status(Healthy('b', 5), AuthControl, ResultStatus.Fail);

        await Ingest(store, healthy);
        Assert.Empty(await Deliveries());
        await Ingest(store, broken);

        Assert.Equal((ReadinessLevel.Hardened, ReadinessLevel.NotReady), (healthy.Scores.Level, broken.Scores.Level));
        var deliveries = await Deliveries();
        Assert.Equal(["level.dropped", "p0.failing"], deliveries.Select(row => row.Event));
        var dropped = JsonNode.Parse(deliveries[0].Payload)!;
        Assert.Equal(
            $$"""{"level":"hardened","overall":{{healthy.Scores.Overall.Value!.Value.ToString(CultureInfo.InvariantCulture)}}}""",
            dropped["previous"]!.ToJsonString());
        Assert.Equal(("not-ready", HistoryScans.Commit('b'), false), ((string?)dropped["assessment"]!["level"], (string?)dropped["assessment"]!["commit"], dropped.AsObject().ContainsKey("controls")));
        Assert.Equal($$"""[{"id":"{{AuthControl}}","priority":"P0","status":"fail"}]""", JsonNode.Parse(deliveries[1].Payload)!["controls"]!.ToJsonString());
    }

    [Fact]
    public async Task OnlyP0ControlsThatDidNotFailInThePreviousAssessmentAreReported()
    {
        var store = await OpenWith(Options());
        var later = ServerScans.Status(ServerScans.Status(Sample('b', 5), AuthControl, ResultStatus.Pass), "sec.upload-validation", ResultStatus.Fail);

        await Ingest(store, Sample('a', 0), later);

        var deliveries = await Deliveries();
        Assert.Equal(["p0.failing", "p0.failing"], deliveries.Select(row => row.Event));
        Assert.Equal("""[{"id":"sec.upload-validation","priority":"P0","status":"fail"}]""", JsonNode.Parse(deliveries[1].Payload)!["controls"]!.ToJsonString());
        Assert.Equal("not-ready", (string?)JsonNode.Parse(deliveries[1].Payload)!["previous"]!["level"]);
    }

    [Fact]
    public async Task AnOlderScanPushedLateIsNotTheLatestAndQueuesNothing()
    {
        var store = await OpenWith(Options());

        await Ingest(store, Healthy('b', 10), Sample('a', 0));

        Assert.Empty(await Deliveries());
        Assert.Equal(2, Assert.Single(await Rows<long>("SELECT COUNT(*) FROM assessments")));
    }

    [Fact]
    public async Task WithoutEndpointsNothingIsQueued()
    {
        var store = await OpenWith(new WebhookOptions { Secret = Secret });

        await Ingest(store, Healthy('a', 0), Sample('b', 5));

        Assert.Empty(await Deliveries());
    }

    [Fact]
    public async Task AFailingEndpointIsRetriedAfterGrowingJitteredWaitsUntilItAccepts()
    {
        var options = Options();
        var store = await OpenWith(options);
        await Ingest(store, Sample('a', 0));
        Receiver.Respond(500, 500, 200);
        using var dispatcher = new WebhookDispatcher(store);

        var retries = new List<DateTimeOffset>();
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            var attemptedAt = _clock.GetUtcNow();
            Assert.Equal(1, await dispatcher.DeliverDueAsync());
            var row = Assert.Single(await Deliveries());
            Assert.Equal((attempt, "HTTP 500", null, null), (row.Attempts, row.LastError, row.DeliveredAt, row.DeadLetteredAt));
            var retryAt = row.NextAttemptAt!.Value;
            Assert.InRange(retryAt, attemptedAt, attemptedAt + options.RetryCeiling(attempt));
            retries.Add(retryAt);
            Assert.Equal(0, await dispatcher.DeliverDueAsync());   // not due yet
            _clock.Now = retryAt;
        }
        Assert.Equal(1, await dispatcher.DeliverDueAsync());

        var delivered = Assert.Single(await Deliveries());
        Assert.Equal((3, Stored(_clock.GetUtcNow()), null), (delivered.Attempts, delivered.DeliveredAt, delivered.NextAttemptAt));
        Assert.True(retries[1] > retries[0]);
        Assert.Equal(3, Receiver.Requests.Count);
        Assert.All(Receiver.Requests, request => Assert.Equal((delivered.Payload, delivered.Id.ToString(CultureInfo.InvariantCulture)), (request.Body, request.Delivery)));
        Assert.Equal(0, await dispatcher.DeliverDueAsync());
    }

    [Fact]
    public async Task ADeliveryFailingEveryAttemptIsDeadLetteredListedAndResentOnRequest()
    {
        var store = await OpenWith(Options() with { MaxAttempts = 3 });
        await Ingest(store, Sample('a', 0));
        var queuedAt = _clock.GetUtcNow();
        Receiver.Respond(500);
        using var dispatcher = new WebhookDispatcher(store);

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            _clock.Now += TimeSpan.FromHours(1);
            Assert.Equal(1, await dispatcher.DeliverDueAsync());
        }
        _clock.Now += TimeSpan.FromDays(1);
        Assert.Equal(0, await dispatcher.DeliverDueAsync());

        var id = Assert.Single(await Deliveries()).Id;
        var deadAt = _clock.GetUtcNow() - TimeSpan.FromDays(1);
        Assert.Equal([new DeadLetter(id, "orders", "p0.failing", Receiver.Url, 3, "HTTP 500", queuedAt, deadAt)], await store.DeadLettersAsync());
        Assert.Null(Assert.Single(await Deliveries()).NextAttemptAt);

        Assert.False(await store.ResendDeadLetterAsync(id + 1));
        Receiver.Respond(200);
        Assert.True(await store.ResendDeadLetterAsync(id));
        Assert.False(await store.ResendDeadLetterAsync(id));   // queued again, no longer dead
        Assert.Empty(await store.DeadLettersAsync());
        Assert.Equal(1, await dispatcher.DeliverDueAsync());

        var delivered = Assert.Single(await Deliveries());
        Assert.Equal((1, Stored(_clock.GetUtcNow()), null), (delivered.Attempts, delivered.DeliveredAt, delivered.DeadLetteredAt));
        Assert.Equal(4, Receiver.Requests.Count);
        Assert.Single(Receiver.Requests.Select(request => (request.Body, request.Delivery)).Distinct());
    }

    [Fact]
    public async Task ARedirectIsAFailedAttemptNotFollowed()
    {
        var store = await OpenWith(Options());
        await Ingest(store, Sample('a', 0));
        Receiver.Respond(307);
        using var dispatcher = new WebhookDispatcher(store);

        Assert.Equal(1, await dispatcher.DeliverDueAsync());

        var row = Assert.Single(await Deliveries());
        Assert.Equal((1, "HTTP 307"), (row.Attempts, row.LastError));
        Assert.Equal(["/"], Receiver.Requests.Select(request => request.Path));   // not also /redirected
    }

    [Fact]
    public async Task AnUnreachableOrUnusableEndpointRecordsWhyWithoutTheSecret()
    {
        var closedPort = Loopback.FreePort();
        var store = await OpenWith(new WebhookOptions { Urls = [$"http://127.0.0.1:{closedPort}/hooks", "ftp://hooks.example/"], Secret = Secret });
        await Ingest(store, Sample('a', 0));
        using var dispatcher = new WebhookDispatcher(store);

        Assert.Equal(2, await dispatcher.DeliverDueAsync());

        Assert.Equal(
            [$"Connection refused (127.0.0.1:{closedPort})", "not an absolute http or https URL"],
            (await Deliveries()).Select(row => row.LastError));
    }

    [Fact]
    public async Task WithoutASecretNothingIsSent()
    {
        var store = await OpenWith(new WebhookOptions { Urls = [Receiver.Url] });
        await Ingest(store, Sample('a', 0));
        using var dispatcher = new WebhookDispatcher(store);

        Assert.Equal(1, await dispatcher.DeliverDueAsync());

        Assert.Equal("no webhook secret configured: deliveries are not sent unsigned", Assert.Single(await Deliveries()).LastError);
        Assert.Empty(Receiver.Requests);
    }

    [Fact]
    public async Task DispatchersRunningAtOnceSendEachDeliveryOnce()
    {
        var store = await OpenWith(new WebhookOptions { Urls = [.. Enumerable.Range(1, 24).Select(endpoint => $"{Receiver.Url}/{endpoint}")], Secret = Secret });
        await Ingest(store, Sample('a', 0));
        var dispatchers = Enumerable.Range(0, 4).Select(_ => new WebhookDispatcher(store)).ToList();

        var sent = await Task.WhenAll(dispatchers.Select(dispatcher => Task.Run(() => dispatcher.DeliverDueAsync())));
        sent = [.. sent, .. await Task.WhenAll(dispatchers.Select(dispatcher => Task.Run(() => dispatcher.DeliverDueAsync())))];
        dispatchers.ForEach(dispatcher => dispatcher.Dispose());

        Assert.Equal(24, sent.Sum());
        Assert.Equal(
            (await Deliveries()).Select(row => row.Id.ToString(CultureInfo.InvariantCulture)).Order(StringComparer.Ordinal),
            Receiver.Requests.Select(request => request.Delivery!).Order(StringComparer.Ordinal));
        Assert.All(await Deliveries(), row => Assert.Equal(1, row.Attempts));
    }

    [Fact]
    public async Task TheBackgroundServiceDeliversWhatIngestQueuesUntilStopped()
    {
        var store = await Open();
        store.Webhooks = Options();
        using var dispatcher = new WebhookDispatcher(store);
        using var service = new WebhookDeliveryService(dispatcher, NullLogger<WebhookDeliveryService>.Instance);
        await service.StartAsync(CancellationToken.None);

        await Ingest(store, Sample('a', 0));
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (Receiver.Requests.Count == 0 && waited.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(50);
        }
        await service.StopAsync(CancellationToken.None);

        Assert.Equal("p0.failing", Assert.Single(Receiver.Requests).Event);
        Assert.NotNull(Assert.Single(await Deliveries()).DeliveredAt);
    }

    private WebhookOptions Options() => new() { Urls = [Receiver.Url], Secret = Secret };

    private async Task<PortfolioStore> OpenWith(WebhookOptions options)
    {
        var store = await Open(_clock);
        store.Webhooks = options;
        return store;
    }

    /// <summary>Pushes <paramref name="scans"/>, in turn, as assessments of the service orders.</summary>
    private static async Task Ingest(PortfolioStore store, params Assessment[] scans)
    {
        foreach (var scan in scans)
        {
            Assert.Equal(IngestOutcome.Stored, (await store.IngestAsync(ServerScans.Json(scan, "orders", "team-a", ServiceTier.Critical))).Outcome);
        }
    }

    private sealed record Delivery(
        long Id, string Event, string Url, string Payload, long Attempts, string? LastError,
        DateTimeOffset? NextAttemptAt, DateTimeOffset? DeliveredAt, DateTimeOffset? DeadLetteredAt);

    private sealed class DeliveryRow
    {
        public long Id { get; init; }
        public string Event { get; init; } = "";
        public string Url { get; init; } = "";
        public string Payload { get; init; } = "";
        public long Attempts { get; init; }
        public string? LastError { get; init; }
        public object? NextAttemptAt { get; init; }
        public object? DeliveredAt { get; init; }
        public object? DeadLetteredAt { get; init; }
    }

    private async Task<List<Delivery>> Deliveries() => [.. (await Rows<DeliveryRow>("""
        SELECT id AS Id, event AS Event, url AS Url, payload AS Payload, attempts AS Attempts, last_error AS LastError,
               next_attempt_at AS NextAttemptAt, delivered_at AS DeliveredAt, dead_lettered_at AS DeadLetteredAt
        FROM webhook_deliveries ORDER BY id
        """)).Select(row => new Delivery(
            row.Id, row.Event, row.Url, row.Payload, row.Attempts, row.LastError, Stored(row.NextAttemptAt), Stored(row.DeliveredAt), Stored(row.DeadLetteredAt)))];

    /// <summary>A stored time, whichever way the provider returns it, as UTC (null for NULL).</summary>
    private static DateTimeOffset? Stored(object? value) => value switch
    {
        null or DBNull => null,
        DateTimeOffset time => time,
        DateTime utc => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)),
        string text => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
        _ => throw new InvalidOperationException($"unexpected stored time {value}"),
    };

    private async Task<List<T>> Rows<T>(string sql)
    {
        await using var connection = await Database.ConnectAsync();
        return [.. await connection.QueryAsync<T>(sql)];
    }
}
