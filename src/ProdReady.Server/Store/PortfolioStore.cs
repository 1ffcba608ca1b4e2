using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using ProdReady.History;
using ProdReady.Model;

namespace ProdReady.Server.Store;

/// <summary>
/// The server's portfolio: services and their assessments over time, in SQLite or PostgreSQL (same schema, same
/// SQL but for <see cref="SqlDialect"/>). Each call opens its own (pooled) connection, so one instance serves
/// concurrent requests. Database failures other than bad input propagate as <see cref="DbException"/>.
/// </summary>
public sealed partial class PortfolioStore
{
    private readonly SqlDialect _dialect;
    private readonly string _connectionString;
    private readonly TimeProvider _clock;

    private PortfolioStore(SqlDialect dialect, string connectionString, TimeProvider clock, IReadOnlyList<int> appliedMigrations)
    {
        _dialect = dialect;
        _connectionString = connectionString;
        _clock = clock;
        AppliedMigrations = appliedMigrations;
    }

    /// <summary>The migration versions this open applied; empty when the schema was already current.</summary>
    public IReadOnlyList<int> AppliedMigrations { get; }

    /// <summary>Opens the store, bringing its schema up to date first.</summary>
    public static async Task<PortfolioStore> OpenAsync(StoreProvider provider, string connectionString, TimeProvider? clock = null, CancellationToken cancel = default)
    {
        var dialect = SqlDialect.For(provider);
        clock ??= TimeProvider.System;
        await using var connection = await dialect.OpenAsync(connectionString, cancel);
        var applied = await Migrations.ApplyAsync(connection, dialect, clock, cancel);
        return new PortfolioStore(dialect, connectionString, clock, applied);
    }

    /// <summary>
    /// Stores a pushed assessment JSON whole or not at all. The service is <paramref name="serviceName"/>, else the
    /// document's <c>service.name</c>; its owner and tier come from the document. The same document for the same
    /// service and commit is stored once, also when pushed concurrently.
    /// </summary>
    public async Task<IngestResult> IngestAsync(string assessmentJson, string? serviceName = null, string? repo = null, CancellationToken cancel = default)
    {
        ScanSnapshot snapshot;
        try
        {
            snapshot = AssessmentFile.Parse(assessmentJson, "assessment");
        }
        catch (HistoryException invalid)
        {
            return Invalid(invalid);
        }
        var declared = ServiceDeclaration.Read(assessmentJson);
        var name = string.IsNullOrWhiteSpace(serviceName) ? declared.Name : serviceName;
        if (string.IsNullOrWhiteSpace(name))
        {
            return IngestResult.Invalid("service.name", "missing: name the service when pushing, or set `name` in its prodready.yml");
        }
        if (ServiceNames.Problem(name) is { } badName)
        {
            return IngestResult.Invalid(string.IsNullOrWhiteSpace(serviceName) ? "service.name" : "service", badName);
        }
        if (!ServiceDeclaration.IsKnownTier(declared.Tier))
        {
            return IngestResult.Invalid("service.tier", $"unknown value '{declared.Tier}'; expected critical, standard or experimental");
        }
        try
        {
            return await StoreAsync(snapshot, declared with { Name = name }, repo, assessmentJson, cancel);
        }
        catch (DbException refused) when (_dialect.RefusesInput(refused))
        {
            // A document the reader accepted but a constraint of the schema did not; nothing of it was stored.
            return IngestResult.Invalid("$", $"the database refused the document: {refused.Message}");
        }
    }

    private async Task<IngestResult> StoreAsync(ScanSnapshot snapshot, ServiceDeclaration declared, string? repo, string assessmentJson, CancellationToken cancel)
    {
        using var turn = await _dialect.WriteTurnAsync(cancel);
        await using var connection = await _dialect.OpenAsync(_connectionString, cancel);
        await using var transaction = await _dialect.BeginWriteAsync(connection, cancel);
        var serviceId = await connection.ExecuteScalarAsync<long>(Command(transaction, cancel, """
            INSERT INTO services (name, owner, tier, repo) VALUES (@Name, @Owner, @Tier, @repo)
            ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, tier = excluded.tier, repo = COALESCE(excluded.repo, services.repo)
            RETURNING id
            """, new { declared.Name, declared.Owner, declared.Tier, repo }));
        var commit = snapshot.Commit ?? "";
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(assessmentJson)));
        var scannedAt = _dialect.Time(snapshot.Time);
        var inserted = await connection.ExecuteScalarAsync<long?>(Command(transaction, cancel, """
            INSERT INTO assessments (service_id, commit_sha, content_hash, scanned_at, received_at, overall, level, p0_failures)
            VALUES (@serviceId, @commit, @hash, @scannedAt, @receivedAt, @overall, @level, @p0Failures)
            ON CONFLICT (service_id, commit_sha, content_hash) DO NOTHING
            RETURNING id
            """, new
        {
            serviceId,
            commit,
            hash,
            scannedAt,
            receivedAt = _dialect.Time(_clock.GetUtcNow()),
            overall = snapshot.Overall,
            level = snapshot.Level.ToId(),
            p0Failures = snapshot.Controls.Values.Count(control => control.Priority == Priority.P0 && control.Status == ResultStatus.Fail),
        }));
        if (inserted is not { } assessmentId)
        {
            var existing = await connection.ExecuteScalarAsync<long>(Command(transaction, cancel,
                "SELECT id FROM assessments WHERE service_id = @serviceId AND commit_sha = @commit AND content_hash = @hash",
                new { serviceId, commit, hash }));
            await transaction.RollbackAsync(cancel);
            return IngestResult.AlreadyStored(existing);
        }
        await connection.ExecuteAsync(Command(transaction, cancel,
            $"INSERT INTO assessment_documents (assessment_id, document) VALUES (@assessmentId, {_dialect.Json("@document")})",
            new { assessmentId, document = assessmentJson }));
        // The service row is locked since the upsert above (PostgreSQL's row lock, SQLite's single writer), so
        // concurrent ingests of one service take turns here and the pointer ends at the latest scan whatever the order.
        await connection.ExecuteAsync(Command(transaction, cancel, """
            UPDATE services SET latest_assessment_id = @assessmentId
            WHERE id = @serviceId AND NOT EXISTS (
                SELECT 1 FROM assessments l
                WHERE l.id = services.latest_assessment_id AND (l.scanned_at > @scannedAt OR (l.scanned_at = @scannedAt AND l.id > @assessmentId)))
            """, new { serviceId, assessmentId, scannedAt }));
        await InsertRowsAsync(connection, transaction, cancel, "INSERT INTO assessment_scores (assessment_id, category, value) VALUES ",
            [.. snapshot.Categories.Select(score => new object?[] { assessmentId, score.Name, score.Value })]);
        await InsertRowsAsync(connection, transaction, cancel, "INSERT INTO assessment_controls (assessment_id, control_id, category, priority, status) VALUES ",
            [.. snapshot.Controls.Values.Select(control => new object?[]
            {
                assessmentId, control.Id, control.Category, control.Priority.ToString(), control.Status.ToId(),
            })]);
        await QueueWebhooksAsync(connection, transaction, serviceId, assessmentId, declared, snapshot, cancel);
        await transaction.CommitAsync(cancel);
        return IngestResult.Stored(assessmentId);
    }

    /// <summary>
    /// Every service (optionally of one owner and/or tier) by name, with its latest assessment, the number of P0
    /// controls it fails and its last <paramref name="trendPoints"/> overall scores.
    /// </summary>
    public Task<IReadOnlyList<ServiceSummary>> ServicesAsync(string? owner = null, string? tier = null, int trendPoints = 12, CancellationToken cancel = default) =>
        SummariesAsync(null, owner, tier, trendPoints, cancel);

    /// <summary>One service as the portfolio shows it; null for an unknown service.</summary>
    public async Task<ServiceSummary?> ServiceAsync(string name, int trendPoints = 12, CancellationToken cancel = default) =>
        (await SummariesAsync(name, null, null, trendPoints, cancel)).SingleOrDefault();

    /// <summary>An assessment's document, byte for byte as it was pushed; null for an unknown id.</summary>
    public async Task<string?> DocumentAsync(long assessmentId, CancellationToken cancel = default)
    {
        await using var connection = await _dialect.OpenAsync(_connectionString, cancel);
        return await connection.ExecuteScalarAsync<string?>(Command(null, cancel, "SELECT document FROM assessment_documents WHERE assessment_id = @assessmentId", new { assessmentId }));
    }

    private async Task<IReadOnlyList<ServiceSummary>> SummariesAsync(string? name, string? owner, string? tier, int trendPoints, CancellationToken cancel)
    {
        await using var connection = await _dialect.OpenAsync(_connectionString, cancel);
        var filter = new { name, owner, tier, trendPoints };
        var rows = await connection.QueryAsync<ServiceRow>(Command(null, cancel, $"SELECT {SummaryColumns} FROM {ServicesWithLatest} ORDER BY s.name", filter));
        // The selection as a subquery, not as a list of ids: a whole portfolio's ids as parameters cost SQLite ~15x more.
        return await WithTrendsAsync(connection, rows, $"IN (SELECT s.id FROM services s WHERE {ServiceFilter})", filter, cancel);
    }

    /// <summary>
    /// <paramref name="rows"/> as summaries, each with its service's last trendPoints overall scores, oldest first.
    /// <paramref name="selected"/> is a condition on a.service_id that holds for the rows' services: assessments are
    /// ranked within them only (a filter outside the window would rank every assessment first).
    /// </summary>
    private async Task<IReadOnlyList<ServiceSummary>> WithTrendsAsync(DbConnection connection, IEnumerable<ServiceRow> rows, string selected, object parameters, CancellationToken cancel)
    {
        var trends = (await connection.QueryAsync<TrendRow>(Command(null, cancel, $"""
            SELECT r.service_id AS ServiceId, r.overall AS Overall
            FROM (SELECT a.service_id, a.overall, ROW_NUMBER() OVER (PARTITION BY a.service_id ORDER BY a.scanned_at DESC, a.id DESC) AS position
                  FROM assessments a WHERE a.service_id {selected}) r
            WHERE r.position <= @trendPoints
            ORDER BY r.service_id, r.position DESC
            """, parameters))).ToLookup(point => point.ServiceId, point => point.Overall);
        return [.. rows.Select(row => new ServiceSummary(
            row.Id, row.Name, row.Owner, row.Tier, row.Repo,
            row.AssessmentId is { } id ? new LatestAssessment(id, Commit(row.CommitSha), Time(row.ScannedAt), row.Overall, row.Level!, (int)row.P0Failures) : null,
            [.. trends[row.Id]]))];
    }

    /// <summary>A service's assessments, newest scan first, with their category scores; null for an unknown service.</summary>
    public async Task<IReadOnlyList<AssessmentRecord>?> HistoryAsync(string serviceName, CancellationToken cancel = default)
    {
        await using var connection = await _dialect.OpenAsync(_connectionString, cancel);
        var serviceId = await connection.ExecuteScalarAsync<long?>(Command(null, cancel, "SELECT id FROM services WHERE name = @serviceName", new { serviceName }));
        if (serviceId is null)
        {
            return null;
        }
        var rows = await connection.QueryAsync<HistoryRow>(Command(null, cancel, """
            SELECT a.id AS Id, a.commit_sha AS CommitSha, a.scanned_at AS ScannedAt, a.received_at AS ReceivedAt,
                   a.overall AS Overall, a.level AS Level, sc.category AS Category, sc.value AS Value
            FROM assessments a LEFT JOIN assessment_scores sc ON sc.assessment_id = a.id
            WHERE a.service_id = @serviceId
            ORDER BY a.scanned_at DESC, a.id DESC
            """, new { serviceId }));
        return [.. rows.GroupBy(row => row.Id).Select(scan =>
        {
            var first = scan.First();
            var scores = scan.Where(row => row.Category is not null)
                .Select(row => new CategorySnapshot(row.Category!, row.Value))
                .OrderBy(score => ReportingOrder(score.Name)).ThenBy(score => score.Name, StringComparer.Ordinal);
            return new AssessmentRecord(first.Id, Commit(first.CommitSha), Time(first.ScannedAt), Time(first.ReceivedAt), first.Overall, first.Level, [.. scores]);
        })];
    }

    /// <summary>Where each service's latest assessment stands on <paramref name="controlId"/>: the failing services first, then by name.</summary>
    public async Task<IReadOnlyList<ControlStanding>> ControlAsync(string controlId, CancellationToken cancel = default)
    {
        await using var connection = await _dialect.OpenAsync(_connectionString, cancel);
        var rows = await connection.QueryAsync<StandingRow>(Command(null, cancel, """
            SELECT s.name AS Service, s.owner AS Owner, s.tier AS Tier, a.id AS AssessmentId, a.scanned_at AS ScannedAt,
                   c.priority AS Priority, c.status AS Status
            FROM services s
            JOIN assessments a ON a.id = s.latest_assessment_id
            JOIN assessment_controls c ON c.assessment_id = a.id AND c.control_id = @controlId
            ORDER BY CASE WHEN c.status = 'fail' THEN 0 ELSE 1 END, s.name
            """, new { controlId }));
        return [.. rows.Select(row => new ControlStanding(row.Service, row.Owner, row.Tier, row.AssessmentId, Time(row.ScannedAt), row.Priority, row.Status))];
    }

    private const string ServiceFilter = "(@name IS NULL OR s.name = @name) AND (@owner IS NULL OR s.owner = @owner) AND (@tier IS NULL OR s.tier = @tier)";

    /// <summary>The services <see cref="ServiceFilter"/> selects (as s), each with its latest assessment (as a; kept at ingest).</summary>
    private const string ServicesWithLatest = $"services s LEFT JOIN assessments a ON a.id = s.latest_assessment_id WHERE {ServiceFilter}";

    /// <summary>What a <see cref="ServiceRow"/> reads from <see cref="ServicesWithLatest"/>.</summary>
    private const string SummaryColumns = """
        s.id AS Id, s.name AS Name, s.owner AS Owner, s.tier AS Tier, s.repo AS Repo,
        a.id AS AssessmentId, a.commit_sha AS CommitSha, a.scanned_at AS ScannedAt, a.overall AS Overall, a.level AS Level, a.p0_failures AS P0Failures
        """;

    private static CommandDefinition Command(DbTransaction? transaction, CancellationToken cancel, string sql, object? parameters = null) =>
        new(sql, parameters, transaction, cancellationToken: cancel);

    /// <summary>
    /// One INSERT of all <paramref name="rows"/>: Dapper runs a list parameter as one command per row, a round trip
    /// each, which was most of an ingest's time for the ~150 controls of an assessment. Parameters are added to the
    /// command directly, as Dapper's check for an existing name on each would make the call quadratic in them.
    /// <paramref name="insertInto"/> is a constant of the caller's (table and columns); every value is a parameter.
    /// </summary>
    private static async Task InsertRowsAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancel, string insertInto, IReadOnlyList<object?[]> rows)
    {
        if (rows.Count == 0)
        {
            return;
        }
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var sql = new StringBuilder(insertInto);
        for (var row = 0; row < rows.Count; row++)
        {
            sql.Append(row == 0 ? "(" : ", (");
            for (var column = 0; column < rows[row].Length; column++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = string.Create(CultureInfo.InvariantCulture, $"r{row}c{column}");
                parameter.Value = rows[row][column] ?? DBNull.Value;
                command.Parameters.Add(parameter);
                sql.Append(column == 0 ? "@" : ", @").Append(parameter.ParameterName);
            }
            sql.Append(')');
        }
        command.CommandText = sql.ToString();
        await command.ExecuteNonQueryAsync(cancel);
    }

    private static IngestResult Invalid(HistoryException invalid) => IngestResult.Invalid(invalid.Field ?? "$", invalid.Detail ?? invalid.Message);

    private static int ReportingOrder(string category)
    {
        var index = Category.All.ToList().IndexOf(category);
        return index < 0 ? int.MaxValue : index;
    }

    private static string? Commit(string? stored) => string.IsNullOrEmpty(stored) ? null : stored;

    /// <summary>A time as the provider returns it: ISO text from SQLite, a UTC DateTime from PostgreSQL.</summary>
    private static DateTimeOffset Time(object? stored) => stored switch
    {
        DateTime utc => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)),
        DateTimeOffset time => time,
        string text => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
        _ => throw new InvalidOperationException($"unexpected stored time {stored}"),
    };

    private sealed class ServiceRow
    {
        public long Id { get; init; }
        public string Name { get; init; } = "";
        public string? Owner { get; init; }
        public string Tier { get; init; } = "";
        public string? Repo { get; init; }
        public long? AssessmentId { get; init; }
        public string? CommitSha { get; init; }
        public object? ScannedAt { get; init; }
        public double? Overall { get; init; }
        public string? Level { get; init; }
        public long P0Failures { get; init; }
    }

    private sealed class TrendRow
    {
        public long ServiceId { get; init; }
        public double? Overall { get; init; }
    }

    private sealed class HistoryRow
    {
        public long Id { get; init; }
        public string? CommitSha { get; init; }
        public object? ScannedAt { get; init; }
        public object? ReceivedAt { get; init; }
        public double? Overall { get; init; }
        public string Level { get; init; } = "";
        public string? Category { get; init; }
        public double? Value { get; init; }
    }

    private sealed class StandingRow
    {
        public string Service { get; init; } = "";
        public string? Owner { get; init; }
        public string Tier { get; init; } = "";
        public long AssessmentId { get; init; }
        public object? ScannedAt { get; init; }
        public string Priority { get; init; } = "";
        public string Status { get; init; } = "";
    }
}
