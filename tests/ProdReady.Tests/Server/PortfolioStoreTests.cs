using System.Data.Common;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Data.Sqlite;
using ProdReady.History;
using ProdReady.Model;
using ProdReady.Reporting;
using ProdReady.Scoring;
using ProdReady.Server.Store;
using ProdReady.Tests.Support;
using HistoryScans = ProdReady.Tests.History.Scans;
using SampleScans = ProdReady.Tests.Reporting.Scans;

namespace ProdReady.Tests.Server;

/// <summary>The store against SQLite on a temp file.</summary>
public sealed class SqlitePortfolioStoreTests : PortfolioStoreTests
{
    protected override Task<StoreDatabase> CreateDatabaseAsync() => Task.FromResult(StoreDatabase.SqliteIn(Temp));
}

/// <summary>The same tests against a private PostgreSQL cluster on loopback.</summary>
public sealed class PostgresPortfolioStoreTests(PostgresCluster cluster) : PortfolioStoreTests, IClassFixture<PostgresCluster>
{
    protected override async Task<StoreDatabase> CreateDatabaseAsync() => new(StoreProvider.Postgres, await cluster.CreateDatabaseAsync());
}

/// <summary>The store on a real database: schema, ingest (idempotent, transactional, validated) and the portfolio queries.</summary>
public abstract class PortfolioStoreTests : StoreTests
{
    private const string NodeControl = "sec.api-auth";

    [Fact]
    public async Task OpeningAnEmptyDatabaseMigratesItAndReopeningChangesNothing()
    {
        var first = await Open();
        var second = await Open();

        Assert.Equal([1, 2, 3], first.AppliedMigrations);
        Assert.Empty(second.AppliedMigrations);
        Assert.Equal([(1L, "initial"), (2L, "webhooks"), (3L, "latest_assessment")], await Rows<(long, string)>("SELECT version, name FROM schema_migrations ORDER BY version"));
        foreach (var table in new[] { "services", "assessments", "assessment_documents", "assessment_scores", "assessment_controls", "api_keys", "webhook_deliveries" })
        {
            Assert.Equal((table, 0L), (table, await Count(table)));
        }
    }

    [Fact]
    public async Task UpgradingADatabaseWithAssessmentsPointsEachServiceAtItsLatestAndKeepsTheDocuments()
    {
        var dialect = Database.Provider == StoreProvider.Sqlite ? "sqlite" : "postgres";
        await using (var connection = await Database.ConnectAsync())
        {
            await connection.ExecuteAsync(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "src", "ProdReady.Server", "Store", "Migrations", dialect, "0001_initial.sql")));
            await connection.ExecuteAsync("""
                CREATE TABLE schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at text NOT NULL);
                INSERT INTO schema_migrations (version, name, applied_at) VALUES (1, 'initial', '2026-01-01T00:00:00Z');
                INSERT INTO services (name, owner, tier) VALUES ('orders', 'team-a', 'standard');
                INSERT INTO assessments (service_id, commit_sha, content_hash, scanned_at, received_at, overall, level, document) VALUES
                    (1, 'b', 'hash-b', '2026-01-02T00:00:00Z', '2026-01-05T00:00:00Z', 80, 'ready', '{"scan": "b"}'),
                    (1, 'c', 'hash-c', '2026-01-03T00:00:00Z', '2026-01-04T00:00:00Z', 60, 'developing', '{"scan": "c"}'),
                    (1, 'a', 'hash-a', '2026-01-01T00:00:00Z', '2026-01-06T00:00:00Z', 70, 'developing', '{"scan": "a"}');
                INSERT INTO assessment_controls (assessment_id, control_id, category, priority, status) VALUES
                    (2, 'sec.api-auth', 'security', 'P0', 'fail'), (2, 'sec.tls', 'security', 'P0', 'fail'), (2, 'ops.runbook', 'operations', 'P1', 'fail'),
                    (1, 'sec.api-auth', 'security', 'P0', 'fail');
                """);
        }

        var store = await Open();

        Assert.Equal([2, 3], store.AppliedMigrations);
        var latest = (await store.ServiceAsync("orders"))!.Latest!;
        Assert.Equal((2L, "c", 60.0, 2), (latest.Id, latest.Commit, latest.Overall, latest.P0Failures));
        Assert.Equal(("{\"scan\": \"b\"}", "{\"scan\": \"c\"}", "{\"scan\": \"a\"}"),
            (await store.DocumentAsync(1), await store.DocumentAsync(2), await store.DocumentAsync(3)));
    }

    [Fact]
    public async Task ServersStartingAtOnceMigrateOnce()
    {
        var stores = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Open())));

        Assert.Equal([[], [], [], [1, 2, 3]], stores.Select(store => store.AppliedMigrations).OrderBy(applied => applied.Count));
        Assert.Equal(3, await Count("schema_migrations"));
    }

    [Fact]
    public async Task RealAssessmentsAreStoredAsTheirJsonSays()
    {
        var store = await Open();
        foreach (var sample in new[] { "aspnet-api", "go-hardened", "node-express-api", "python-fastapi" })
        {
            var assessment = Samples.Value[sample];
            var json = JsonReport.ToJson(assessment);

            var result = await store.IngestAsync(json, serviceName: sample, repo: $"https://git.example/{sample}");

            Assert.Equal(IngestOutcome.Stored, result.Outcome);
            var id = result.AssessmentId!.Value;
            var expected = ScanSnapshot.From(assessment, sample);
            var stored = Assert.Single(await Rows<(string, string, string, string, string)>(
                """
                SELECT s.name, s.tier, s.repo, a.level, d.document
                FROM assessments a JOIN services s ON s.id = a.service_id JOIN assessment_documents d ON d.assessment_id = a.id
                WHERE a.id = @id
                """, new { id }));
            Assert.Equal((sample, assessment.Service.Tier.ToId(), $"https://git.example/{sample}", expected.Level.ToId(), json), stored);
            Assert.Equal(expected.Overall, Assert.Single(await Rows<double?>("SELECT overall FROM assessments WHERE id = @id", new { id })));
            Assert.Equal(
                expected.Categories.Select(score => (score.Name, score.Value)).OrderBy(score => score.Name, StringComparer.Ordinal),
                (await Rows<(string, double?)>("SELECT category, value FROM assessment_scores WHERE assessment_id = @id", new { id })).OrderBy(score => score.Item1, StringComparer.Ordinal));
            Assert.Equal(
                expected.Controls.Values.Select(control => (control.Id, control.Category, control.Priority.ToString(), control.Status.ToId())).OrderBy(row => row.Id, StringComparer.Ordinal),
                (await Rows<(string, string, string, string)>("SELECT control_id, category, priority, status FROM assessment_controls WHERE assessment_id = @id", new { id }))
                    .OrderBy(row => row.Item1, StringComparer.Ordinal));
        }
        Assert.Equal(4, await Count("services"));
    }

    [Fact]
    public async Task TheSameDocumentTwiceIsStoredOnce()
    {
        var store = await Open();
        var json = Json("orders", "team-a", ServiceTier.Critical, 'a');

        var first = await store.IngestAsync(json);
        var second = await store.IngestAsync(json);

        Assert.Equal(IngestOutcome.Stored, first.Outcome);
        Assert.Equal(IngestResult.AlreadyStored(first.AssessmentId!.Value), second);
        Assert.Equal(1, await Count("assessments"));
    }

    [Fact]
    public async Task EightConcurrentIngestsOfTheSameDocumentStoreOneAssessment()
    {
        var store = await Open();
        var json = Json("orders", "team-a", ServiceTier.Critical, 'a');

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => store.IngestAsync(json))));

        var stored = Assert.Single(results, result => result.Outcome == IngestOutcome.Stored);
        Assert.All(results.Where(result => result != stored), result => Assert.Equal(IngestResult.AlreadyStored(stored.AssessmentId!.Value), result));
        Assert.Equal(1, await Count("assessments"));
        Assert.Equal(1, await Count("services"));
    }

    [Fact]
    public async Task AnotherCommitIsANewAssessmentOfTheSameService()
    {
        var store = await Open();

        var first = await store.IngestAsync(Json("orders", "team-a", ServiceTier.Critical, 'a'));
        var second = await store.IngestAsync(Json("orders", "team-a", ServiceTier.Critical, 'b', minutes: 5));

        Assert.Equal((IngestOutcome.Stored, IngestOutcome.Stored), (first.Outcome, second.Outcome));
        Assert.NotEqual(first.AssessmentId, second.AssessmentId);
        Assert.Equal([HistoryScans.Commit('b'), HistoryScans.Commit('a')], (await store.HistoryAsync("orders"))!.Select(scan => scan.Commit));
        Assert.Equal(1, await Count("services"));
    }

    [Fact]
    public async Task AnIngestThatFailsHalfWayLeavesNothingBehind()
    {
        var store = await Open();
        // The database refuses one control's row, after the service, assessment and score rows are written.
        await Execute(Database.Provider == StoreProvider.Sqlite
            ? $"CREATE TRIGGER refuse BEFORE INSERT ON assessment_controls WHEN NEW.control_id = '{NodeControl}' BEGIN SELECT RAISE(ABORT, 'refused by test'); END"
            : $"""
              CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$
              BEGIN IF NEW.control_id = '{NodeControl}' THEN RAISE EXCEPTION 'refused by test' USING ERRCODE = 'check_violation'; END IF; RETURN NEW; END $$;
              CREATE TRIGGER refuse BEFORE INSERT ON assessment_controls FOR EACH ROW EXECUTE FUNCTION refuse();
              """);

        var result = await store.IngestAsync(Json("orders", "team-a", ServiceTier.Critical, 'a'));

        Assert.Equal(("$", true), (result.Problem!.Field, result.Problem.Message.StartsWith("the database refused the document: ", StringComparison.Ordinal)));
        Assert.Contains("refused by test", result.Problem.Message);
        foreach (var table in new[] { "services", "assessments", "assessment_documents", "assessment_scores", "assessment_controls" })
        {
            Assert.Equal((table, 0L), (table, await Count(table)));
        }
    }

    public static TheoryData<string, string, string> Invalid => new()
    {
        { "{ not json", "$", "not valid JSON (line 1); expected the output of `prodready scan --format json`" },
        { "[1, 2]", "$", "not a prodready assessment (no schemaVersion and tool.name \"prodready\"); expected the output of `prodready scan --format json`" },
        { Json(null, null, ServiceTier.Standard, 'a'), "service.name", "missing: name the service when pushing, or set `name` in its prodready.yml" },
        { FirstStatus(Json("orders", null, ServiceTier.Standard, 'a'), "great"), "results[0].status", "unknown value 'great'" },
        { Edit(Json("orders", null, ServiceTier.Standard, 'a'), document => document["scores"]!["categories"]!.AsArray().Add(document["scores"]!["categories"]![1]!.DeepClone())),
            $"scores.categories[{Category.All.Count}].name", $"'{Category.All[1]}' appears twice (also scores.categories[1])" },
        { Edit(Json("orders", null, ServiceTier.Standard, 'a'), document => document["results"]![3]!["id"] = document["results"]![0]!["id"]!.GetValue<string>()),
            "results[3].id", $"'{HistoryScans.Sample.Results[0].Control.Id}' appears twice (also results[0])" },
        { Edit(Json("orders", null, ServiceTier.Standard, 'a'), document => document["results"]![1]!["title"] = "nul\u0000"),
            "results[1].title", "contains a NUL character (\\u0000)" },
        { Json(new string('x', ServiceNames.MaxLength + 1), null, ServiceTier.Standard, 'a'), "service.name", $"{ServiceNames.MaxLength + 1} characters; a service name has at most {ServiceNames.MaxLength}" },
    };

    private static string Edit(string json, Action<JsonNode> edit)
    {
        var document = JsonNode.Parse(json)!;
        edit(document);
        return document.ToJsonString();
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task AnInvalidDocumentIsRefusedNamingTheField(string json, string field, string message)
    {
        var store = await Open();

        var result = await store.IngestAsync(json);

        Assert.Equal(IngestResult.Invalid(field, message), result);
        Assert.Equal(0, await Count("services"));
    }

    [Fact]
    public async Task ThePortfolioListsEachServiceWithItsLatestScanP0FailuresAndTrend()
    {
        var store = await Open();
        var old = HistoryScans.At(HistoryScans.Commit('a'), minutes: 0);
        var fixedUp = Status(HistoryScans.At(HistoryScans.Commit('b'), minutes: 10), NodeControl, ResultStatus.Pass);
        var broken = Status(HistoryScans.At(HistoryScans.Commit('c'), minutes: 5), NodeControl, ResultStatus.Fail);
        await ServerScans.IngestAsync(store, "payments", "team-a", ServiceTier.Critical, fixedUp, old, broken);
        await ServerScans.IngestAsync(store, "orders", "team-a", ServiceTier.Standard, broken);
        await ServerScans.IngestAsync(store, "search", "team-b", ServiceTier.Standard, old);

        var all = await store.ServicesAsync(trendPoints: 2);

        Assert.Equal(["orders", "payments", "search"], all.Select(service => service.Name));
        var payments = all[1];
        Assert.Equal(("team-a", "critical", HistoryScans.Commit('b'), fixedUp.Scores.Overall.Value, fixedUp.Scores.Level.ToId(), ServerScans.P0Failures(fixedUp)),
            (payments.Owner, payments.Tier, payments.Latest!.Commit, payments.Latest.Overall, payments.Latest.Level, payments.Latest.P0Failures));
        Assert.Equal([broken.Scores.Overall.Value, fixedUp.Scores.Overall.Value], payments.Trend);
        Assert.Equal(ServerScans.P0Failures(broken), all[0].Latest!.P0Failures);
        Assert.Equal(ServerScans.P0Failures(fixedUp) + 1, ServerScans.P0Failures(broken));
        Assert.Equal(["orders", "payments"], (await store.ServicesAsync(owner: "team-a")).Select(service => service.Name));
        Assert.Equal(["orders", "search"], (await store.ServicesAsync(tier: "standard")).Select(service => service.Name));
        Assert.Equal(["search"], (await store.ServicesAsync(owner: "team-b", tier: "standard")).Select(service => service.Name));
        Assert.Empty(await store.ServicesAsync(owner: "team-c"));
    }

    [Fact]
    public async Task AServicesHistoryIsNewestScanFirstWhateverTheOrderOfPushes()
    {
        var store = await Open();
        var scans = new[] { ('b', 20), ('a', 0), ('c', 10) }.Select(scan => HistoryScans.At(HistoryScans.Commit(scan.Item1), scan.Item2)).ToArray();
        await ServerScans.IngestAsync(store, "orders", "team-a", ServiceTier.Standard, scans);

        var history = (await store.HistoryAsync("orders"))!;

        Assert.Equal([HistoryScans.Commit('b'), HistoryScans.Commit('c'), HistoryScans.Commit('a')], history.Select(scan => scan.Commit));
        Assert.Equal(scans[0].Time, history[0].ScannedAt);
        Assert.Equal(scans[0].Scores.Categories.Select(score => (score.Name, score.Value)), history[0].Scores.Select(score => (score.Name, score.Value)));
        Assert.Null(await store.HistoryAsync("unknown"));
    }

    [Fact]
    public async Task AnOlderScanPushedAfterANewerOneLeavesTheNewerOneLatest()
    {
        var store = await Open();
        var newer = Status(HistoryScans.At(HistoryScans.Commit('b'), minutes: 10), NodeControl, ResultStatus.Pass);
        var older = Status(HistoryScans.At(HistoryScans.Commit('a'), minutes: 0), NodeControl, ResultStatus.Fail);
        await ServerScans.IngestAsync(store, "orders", "team-a", ServiceTier.Standard, newer, older);

        var latest = (await store.ServiceAsync("orders"))!.Latest!;

        Assert.Equal((HistoryScans.Commit('b'), newer.Time, ServerScans.P0Failures(newer)), (latest.Commit, latest.ScannedAt, latest.P0Failures));
        Assert.Equal([("orders", "pass")], (await store.ControlAsync(NodeControl)).Select(standing => (standing.Service, standing.Status)));
    }

    [Fact]
    public async Task OfTwoScansAtTheSameTimeTheLaterStoredIsLatest()
    {
        var store = await Open();
        var first = await store.IngestAsync(Json("orders", "team-a", ServiceTier.Standard, 'a'));
        var second = await store.IngestAsync(Json("orders", "team-a", ServiceTier.Standard, 'b'));

        Assert.Equal(second.AssessmentId, (await store.ServiceAsync("orders"))!.Latest!.Id);
        Assert.NotEqual(first.AssessmentId, second.AssessmentId);
    }

    [Fact]
    public async Task ConcurrentPushesInAnyOrderLeaveEachServicesLatestScanLatest()
    {
        var store = await Open();
        var minutes = new[] { 30, 5, 50, 0, 45, 10, 35, 20, 40, 15, 25 };
        var pushes = new[] { "orders", "payments" }.SelectMany(service => minutes.Select((minute, index) =>
            (Service: service, Json: Json(service, "team-a", ServiceTier.Standard, (char)('a' + index), minute))));

        var results = await Task.WhenAll(pushes.Select(push => Task.Run(() => store.IngestAsync(push.Json, push.Service))));

        Assert.All(results, result => Assert.Equal(IngestOutcome.Stored, result.Outcome));
        var latest = (await store.ServicesAsync(trendPoints: 3)).Select(service => (service.Name, service.Latest!.Commit, service.Trend.Count));
        Assert.Equal([("orders", HistoryScans.Commit('c'), 3), ("payments", HistoryScans.Commit('c'), 3)], latest);
        Assert.Equal(0L, Assert.Single(await Rows<long>("""
            SELECT COUNT(*) FROM services s
            WHERE s.latest_assessment_id <> (SELECT a.id FROM assessments a WHERE a.service_id = s.id ORDER BY a.scanned_at DESC, a.id DESC LIMIT 1)
            """)));
    }

    [Fact]
    public async Task AControlAcrossServicesShowsEachLatestScanFailingFirst()
    {
        var store = await Open();
        var failing = Status(HistoryScans.At(HistoryScans.Commit('a'), 0), NodeControl, ResultStatus.Fail);
        var passing = Status(HistoryScans.At(HistoryScans.Commit('b'), 10), NodeControl, ResultStatus.Pass);
        await ServerScans.IngestAsync(store, "payments", "team-a", ServiceTier.Critical, failing, passing);
        await ServerScans.IngestAsync(store, "search", "team-b", ServiceTier.Standard, passing);
        await ServerScans.IngestAsync(store, "orders", "team-a", ServiceTier.Standard, failing);

        var standings = await store.ControlAsync(NodeControl);

        Assert.Equal([("orders", "fail", true), ("payments", "pass", false), ("search", "pass", false)],
            standings.Select(standing => (standing.Service, standing.Status, standing.Fails)));
        Assert.Equal(("team-a", "standard", "P0", failing.Time), (standings[0].Owner, standings[0].Tier, standings[0].Priority, standings[0].ScannedAt));
        Assert.Empty(await store.ControlAsync("no.such-control"));
    }

    private static readonly Lazy<Dictionary<string, Assessment>> Samples = new(() =>
        new[] { "aspnet-api", "go-hardened", "node-express-api", "python-fastapi" }.ToDictionary(name => name, SampleScans.Sample));

    private static string Json(string? name, string? owner, ServiceTier tier, char commit, int minutes = 0) => ServerScans.Json(name, owner, tier, commit, minutes);

    private static string FirstStatus(string json, string status)
    {
        var document = JsonNode.Parse(json)!;
        document["results"]![0]!["status"] = status;
        return document.ToJsonString();
    }

    private static Assessment Status(Assessment scan, string controlId, ResultStatus status) => ServerScans.Status(scan, controlId, status);

    private async Task Execute(string sql)
    {
        await using var connection = await Database.ConnectAsync();
        await connection.ExecuteAsync(sql);
    }

    private async Task<long> Count(string table) => Assert.Single(await Rows<long>($"SELECT COUNT(*) FROM {table}"));

    private async Task<List<T>> Rows<T>(string sql, object? parameters = null)
    {
        await using var connection = await Database.ConnectAsync();
        return [.. await connection.QueryAsync<T>(sql, parameters)];
    }
}
