using System.Data.Common;
using System.Text.Json.Nodes;
using Dapper;
using ProdReady.History;
using ProdReady.Model;
using ProdReady.Server.Webhooks;

namespace ProdReady.Server.Store;

/// <summary>
/// Webhooks as an outbox: ingest queues deliveries in the transaction that stores the assessment, so an event is
/// never lost nor sent for an assessment that was not stored; <see cref="WebhookDispatcher"/> sends them later.
/// </summary>
public sealed partial class PortfolioStore
{
    /// <summary>How long a claimed delivery is left to its dispatcher before another may take it (a crash mid-send).</summary>
    private static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The webhook endpoints and retry policy. Set it once after opening, before serving: ingests queue deliveries
    /// for the endpoints configured at the time. None by default, so nothing is queued.
    /// </summary>
    public WebhookOptions Webhooks { get; set; } = new();

    internal TimeProvider Clock => _clock;

    /// <summary>Dead-lettered deliveries, the most recently given up first.</summary>
    public async Task<IReadOnlyList<DeadLetter>> DeadLettersAsync(CancellationToken cancel = default)
    {
        await using var connection = await _dialect.OpenAsync(_connectionString, cancel);
        var rows = await connection.QueryAsync<DeadLetterRow>(Command(null, cancel, """
            SELECT d.id AS Id, s.name AS Service, d.event AS Event, d.url AS Url, d.attempts AS Attempts, d.last_error AS LastError,
                   d.created_at AS CreatedAt, d.dead_lettered_at AS DeadLetteredAt
            FROM webhook_deliveries d JOIN services s ON s.id = d.service_id
            WHERE d.dead_lettered_at IS NOT NULL
            ORDER BY d.dead_lettered_at DESC, d.id DESC
            """));
        return [.. rows.Select(row => new DeadLetter(
            row.Id, row.Service, row.Event, row.Url, (int)row.Attempts, row.LastError, Time(row.CreatedAt), Time(row.DeadLetteredAt)))];
    }

    /// <summary>
    /// Queues a dead-lettered delivery again, as new: the dispatcher sends it on its next pass, with the same body and
    /// delivery id. False when <paramref name="deliveryId"/> is unknown or not dead-lettered.
    /// </summary>
    public async Task<bool> ResendDeadLetterAsync(long deliveryId, CancellationToken cancel = default)
    {
        await using var connection = await _dialect.OpenAsync(_connectionString, cancel);
        return await connection.ExecuteAsync(Command(null, cancel, """
            UPDATE webhook_deliveries SET attempts = 0, next_attempt_at = @now, dead_lettered_at = NULL
            WHERE id = @deliveryId AND dead_lettered_at IS NOT NULL
            """, new { deliveryId, now = _dialect.Time(_clock.GetUtcNow()) })) == 1;
    }

    /// <summary>
    /// Takes up to <paramref name="limit"/> due deliveries, pushing their next attempt past <see cref="ClaimLease"/> so
    /// that no other dispatcher sends them meanwhile. One statement: under PostgreSQL a concurrent claim that waited for
    /// a row re-checks <c>next_attempt_at</c> on the updated row and skips it; SQLite runs writers one at a time.
    /// </summary>
    internal async Task<IReadOnlyList<WebhookDelivery>> ClaimDueWebhooksAsync(int limit, CancellationToken cancel)
    {
        var now = _clock.GetUtcNow();
        await using var connection = await _dialect.OpenAsync(_connectionString, cancel);
        var rows = await connection.QueryAsync<DeliveryRow>(Command(null, cancel, $"""
            UPDATE webhook_deliveries SET next_attempt_at = @leaseEnd
            WHERE id IN (SELECT id FROM webhook_deliveries WHERE {Due} ORDER BY next_attempt_at, id LIMIT @limit) AND {Due}
            RETURNING id AS Id, event AS Event, url AS Url, payload AS Payload, attempts AS Attempts
            """, new { now = _dialect.Time(now), leaseEnd = _dialect.Time(now + ClaimLease), limit }));
        return [.. rows.OrderBy(row => row.Id).Select(row => new WebhookDelivery(row.Id, row.Event, row.Url, row.Payload, (int)row.Attempts))];
    }

    /// <summary>
    /// Records an attempt at <paramref name="delivery"/>: delivered when <paramref name="error"/> is null; else retried
    /// after a jittered, growing wait (<see cref="WebhookOptions.RetryCeiling"/>), or dead-lettered after the last attempt.
    /// </summary>
    internal async Task<string> RecordWebhookAttemptAsync(WebhookDelivery delivery, string? error, CancellationToken cancel)
    {
        var now = _clock.GetUtcNow();
        var attempts = delivery.Attempts + 1;
        var options = Webhooks;
        var givenUp = error is not null && attempts >= options.MaxAttempts;
        // Full jitter: anywhere between now and the ceiling. Not a security decision, so the shared generator does.
        var retryAt = now + options.RetryCeiling(attempts) * Random.Shared.NextDouble();
        await using var connection = await _dialect.OpenAsync(_connectionString, cancel);
        await connection.ExecuteAsync(Command(null, cancel, """
            UPDATE webhook_deliveries
            SET attempts = @attempts, last_error = COALESCE(@error, last_error), delivered_at = @deliveredAt,
                next_attempt_at = @nextAttemptAt, dead_lettered_at = @deadLetteredAt
            WHERE id = @Id
            """, new
        {
            delivery.Id,
            attempts,
            error,
            deliveredAt = error is null ? _dialect.Time(now) : null,
            nextAttemptAt = error is null || givenUp ? null : _dialect.Time(retryAt),
            deadLetteredAt = givenUp ? _dialect.Time(now) : null,
        }));
        return error is null ? "delivered" : givenUp ? "dead_lettered" : "retrying";
    }

    /// <summary>
    /// Queues the events the just stored assessment raises, when it is its service's latest scan: <see cref="WebhookEvents.LevelDropped"/>
    /// below the previous latest's level, <see cref="WebhookEvents.P0Failing"/> for P0 controls failing now that did not fail there
    /// (in a service's first assessment, every failing P0). One delivery per event and configured endpoint. Ingests of
    /// one service run one after the other from the services upsert on (its row lock in PostgreSQL, the write lock in
    /// SQLite), so each compares with what the one before stored.
    /// </summary>
    private async Task QueueWebhooksAsync(
        DbConnection connection, DbTransaction transaction, long serviceId, long assessmentId, ServiceDeclaration declared,
        ScanSnapshot snapshot, CancellationToken cancel)
    {
        var options = Webhooks;
        if (options.Urls.Count == 0)
        {
            return;
        }
        var latest = (await connection.QueryAsync<LatestRow>(Command(transaction, cancel, """
            SELECT id AS Id, level AS Level, overall AS Overall FROM assessments
            WHERE service_id = @serviceId ORDER BY scanned_at DESC, id DESC LIMIT 2
            """, new { serviceId }))).ToList();
        if (latest[0].Id != assessmentId)
        {
            return;
        }
        var previous = latest.Count > 1 ? latest[1] : null;
        var failedBefore = previous is null ? [] : (await connection.QueryAsync<string>(Command(transaction, cancel,
            "SELECT control_id FROM assessment_controls WHERE assessment_id = @Id AND priority = 'P0' AND status = 'fail'", new { previous.Id })))
            .ToHashSet(StringComparer.Ordinal);
        var now = _dialect.Time(_clock.GetUtcNow());
        foreach (var (name, controls) in RaisedEvents(snapshot, previous, failedBefore))
        {
            var payload = new JsonObject
            {
                ["event"] = name,
                ["service"] = new JsonObject { ["name"] = declared.Name, ["owner"] = declared.Owner, ["tier"] = declared.Tier },
                ["assessment"] = new JsonObject
                {
                    ["id"] = assessmentId,
                    ["commit"] = snapshot.Commit,
                    ["scannedAt"] = snapshot.Time.UtcDateTime,
                    ["overall"] = snapshot.Overall,
                    ["level"] = snapshot.Level.ToId(),
                },
                ["previous"] = previous is null ? null : new JsonObject { ["level"] = previous.Level, ["overall"] = previous.Overall },
            };
            if (controls is not null)
            {
                payload["controls"] = controls;
            }
            foreach (var url in options.Urls)
            {
                // The body names its own delivery id, known once the row exists.
                var deliveryId = await connection.ExecuteScalarAsync<long>(Command(transaction, cancel, """
                    INSERT INTO webhook_deliveries (service_id, event, url, payload, attempts, next_attempt_at, created_at)
                    VALUES (@serviceId, @name, @url, '', 0, @now, @now)
                    RETURNING id
                    """, new { serviceId, name, url, now }));
                payload["deliveryId"] = deliveryId;
                await connection.ExecuteAsync(Command(transaction, cancel,
                    "UPDATE webhook_deliveries SET payload = @payload WHERE id = @deliveryId", new { payload = payload.ToJsonString(), deliveryId }));
            }
        }
    }

    /// <summary>The events <paramref name="snapshot"/> raises against <paramref name="previous"/>, with the controls a <c>p0.failing</c> names.</summary>
    private static List<(string Event, JsonArray? Controls)> RaisedEvents(ScanSnapshot snapshot, LatestRow? previous, HashSet<string> failedBefore)
    {
        var events = new List<(string Event, JsonArray? Controls)>();
        if (previous is not null && Ids.Level(previous.Level) is { } was && snapshot.Level < was)
        {
            events.Add((WebhookEvents.LevelDropped, null));
        }
        var newlyFailing = snapshot.Controls.Values
            .Where(control => control.Priority == Priority.P0 && control.Status == ResultStatus.Fail && !failedBefore.Contains(control.Id))
            .OrderBy(control => control.Id, StringComparer.Ordinal)
            .ToList();
        if (newlyFailing.Count > 0)
        {
            events.Add((WebhookEvents.P0Failing, [.. newlyFailing.Select(control => new JsonObject
            {
                ["id"] = control.Id,
                ["priority"] = control.Priority.ToString(),
                ["status"] = control.Status.ToId(),
            })]));
        }
        return events;
    }

    private const string Due = "delivered_at IS NULL AND dead_lettered_at IS NULL AND next_attempt_at <= @now";

    private sealed class LatestRow
    {
        public long Id { get; init; }
        public string Level { get; init; } = "";
        public double? Overall { get; init; }
    }

    private sealed class DeliveryRow
    {
        public long Id { get; init; }
        public string Event { get; init; } = "";
        public string Url { get; init; } = "";
        public string Payload { get; init; } = "";
        public long Attempts { get; init; }
    }

    private sealed class DeadLetterRow
    {
        public long Id { get; init; }
        public string Service { get; init; } = "";
        public string Event { get; init; } = "";
        public string Url { get; init; } = "";
        public long Attempts { get; init; }
        public string? LastError { get; init; }
        public object? CreatedAt { get; init; }
        public object? DeadLetteredAt { get; init; }
    }
}
