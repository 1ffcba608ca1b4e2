using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using ProdReady.Server.Auth;
using ProdReady.Server.Operations;
using ProdReady.Server.Store;
using ProdReady.Tests.Support;

namespace ProdReady.Tests.Server;

/// <summary>`prodready serve` as a real process: its log lines, and a SIGTERM that lets an ingest in flight finish.</summary>
public sealed class ServeProcessTests : IDisposable
{
    private readonly TempRepo _temp = new();

    private string DatabaseFile => Path.Combine(_temp.Root, "portfolio.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }

    [Fact]
    public async Task LogsAreOneJsonObjectPerLineWithOneAccessLinePerRequestAndNeverTheKey()
    {
        var key = await CreateKeyAsync("ci", KeyScopes.Write, KeyScopes.Read);
        await using var serve = await ServeProcess.StartAsync(_temp.Root, DatabaseFile);
        using var client = new HttpClient { BaseAddress = serve.Address };
        var push = new HttpRequestMessage(HttpMethod.Post, "/api/v1/assessments?repo=https://git.example/orders")
        {
            Content = new StringContent(SqliteServer.Assessment("orders"), Encoding.UTF8, "application/json"),
        };
        push.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        push.Headers.Add(CorrelationId.Header, "push-1");
        var wrongKey = new HttpRequestMessage(HttpMethod.Get, "/api/v1/services");
        wrongKey.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key[..^4] + "AAAA");

        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(push)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(wrongKey)).StatusCode);
        serve.Terminate();
        Assert.Equal(0, await serve.ExitCodeAsync());

        var lines = serve.Stdout.Where(line => line.Length > 0).Select(line => JsonNode.Parse(line)!.AsObject()).ToList();
        var access = lines.Where(line => (string?)line["Category"] == RequestTracking.AccessCategory).ToList();
        Assert.Equal(
            [("POST", "/api/v1/assessments", 201, "ci", "push-1"), ("GET", "/api/v1/services", 401, "-", null)],
            access.Select(line => ((string)line["State"]!["Method"]!, (string)line["State"]!["Path"]!, (int)line["State"]!["Status"]!, (string)line["State"]!["Key"]!,
                CorrelationOf(line) is { } id && id != "push-1" ? null : CorrelationOf(line))));
        Assert.Matches("^[0-9a-f]{32}$", CorrelationOf(access[1]));
        Assert.Contains(lines, line => (string?)line["Message"] == $"Now listening on: {serve.Address.ToString().TrimEnd('/')}");
        Assert.DoesNotContain(lines, line => ((string)line["Category"]!).StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
        var output = string.Join('\n', serve.Stdout) + serve.Stderr;
        Assert.DoesNotContain(key[key.LastIndexOf('_')..], output, StringComparison.Ordinal);
        Assert.DoesNotContain("AAAA", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Bearer", output, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Authorization", output, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task SigtermLetsAPushInFlightFinishAndExitsZero()
    {
        var key = await CreateKeyAsync("ci", KeyScopes.Write);
        await using var serve = await ServeProcess.StartAsync(_temp.Root, DatabaseFile);
        using var client = new HttpClient { BaseAddress = serve.Address, Timeout = TimeSpan.FromMinutes(1) };
        var json = SqliteServer.Assessment("orders");
        var body = new SlowContent(Encoding.UTF8.GetBytes(json));
        var push = new HttpRequestMessage(HttpMethod.Post, "/api/v1/assessments") { Content = body };
        push.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);

        var pushing = client.SendAsync(push);
        await body.FirstHalfSent.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await Task.Delay(500); // the server is now reading the body
        serve.Terminate();
        await Task.Delay(500); // and shutting down, while the rest of the body is still to come
        body.SendTheRest.SetResult();
        var response = await pushing;

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(0, await serve.ExitCodeAsync());
        // The push ended after shutdown began: it was in flight when SIGTERM arrived.
        var stdout = serve.Stdout.ToList();
        var stopping = stdout.FindIndex(line => line.Contains("Application is shutting down", StringComparison.Ordinal));
        var pushed = stdout.FindIndex(line => line.Contains("\"Message\":\"POST /api/v1/assessments 201", StringComparison.Ordinal));
        Assert.True(stopping >= 0 && pushed > stopping, $"shutting down at line {stopping}, push logged at line {pushed}");
        var id = (long)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]!;
        var store = await PortfolioStore.OpenAsync(StoreProvider.Sqlite, Connection());
        Assert.Equal(json, await store.DocumentAsync(id));
        Assert.Equal(["orders"], (await store.ServicesAsync()).Select(service => service.Name));
    }

    [Fact]
    public async Task RateLimitOptionSetsTheLimitPerCaller()
    {
        await using var serve = await ServeProcess.StartAsync(_temp.Root, DatabaseFile, "--rate-limit", "2/min");
        using var client = new HttpClient { BaseAddress = serve.Address };

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await client.GetAsync("/api/v1/services")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public void ARateLimitThatIsNotOneStopsServeBeforeItStarts()
    {
        var run = Support.Cli.Run(_temp.Root, "serve", "--rate-limit", "100/day", "--db", DatabaseFile);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--rate-limit: '100/day' is not a rate limit: give requests per window (600/min, 50/s, 20000/h) or off", run.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(DatabaseFile));
    }

    private static string? CorrelationOf(JsonObject line) =>
        line["Scopes"]!.AsArray().Select(scope => (string?)scope?["CorrelationId"]).SingleOrDefault(id => id is not null);

    private string Connection() => new SqliteConnectionStringBuilder { DataSource = DatabaseFile }.ConnectionString;

    private async Task<string> CreateKeyAsync(string name, params string[] scopes)
    {
        var store = await PortfolioStore.OpenAsync(StoreProvider.Sqlite, Connection());
        var key = (await store.CreateKeyAsync(name, scopes, null))!.Value.Issued.Key;
        SqliteConnection.ClearAllPools();
        return key;
    }

    /// <summary>A JSON body sent in two halves: the second only once the test says so.</summary>
    private sealed class SlowContent : HttpContent
    {
        private readonly byte[] _bytes;

        public SlowContent(byte[] bytes)
        {
            _bytes = bytes;
            Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        public TaskCompletionSource FirstHalfSent { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource SendTheRest { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var half = _bytes.Length / 2;
            await stream.WriteAsync(_bytes.AsMemory(0, half));
            await stream.FlushAsync();
            FirstHalfSent.SetResult();
            await SendTheRest.Task;
            await stream.WriteAsync(_bytes.AsMemory(half));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _bytes.Length;
            return true;
        }
    }
}
