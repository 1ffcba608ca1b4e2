using System.Net;
using System.Runtime.Versioning;
using System.Text.RegularExpressions;
using ProdReady.Server.Webhooks;
using ProdReady.Tests.Support;

namespace ProdReady.Tests.Server;

/// <summary>
/// The issue's "done when", as a user runs it: `keys create`, `serve`, `scan` then `push` from a repository, and the
/// service on the server; then what goes wrong (no key, a revoked key, plain http, a server that is not there).
/// </summary>
[SupportedOSPlatform("linux")] // serve is stopped with kill -TERM; the database folder's mode is a Unix one
public sealed partial class ServerCliTests : IDisposable
{
    private readonly TempRepo _temp = new();

    [Fact]
    public async Task AKeyCreatedOnceLetsCiPushTheLatestScanToTheServer()
    {
        var repo = Path.Combine(_temp.Root, "payments");
        await GitCopy.OfSample("node-express-api", repo);
        var created = Support.Cli.Run(_temp.Root, "keys", "create", "--name", "ci-payments", "--scopes", "assessments:write,read");
        Assert.Equal(0, created.ExitCode);
        var key = created.Stdout.Trim();
        Assert.Matches(KeyShape(), key);
        Assert.Contains("It is shown this once", created.Stderr);
        Assert.True(File.Exists(Path.Combine(_temp.Root, ".prodready-server", "prodready.db")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.Combine(_temp.Root, ".prodready-server")));
        await using var receiver = WebhookReceiver.Start();
        const string Secret = "0123456789abcdef0123";
        await using var server = await ServeProcess.StartAsync(
            _temp.Root, Path.Combine(".prodready-server", "prodready.db"), new Dictionary<string, string> { ["PRODREADY_WEBHOOK_SECRET"] = Secret }, "--webhook-url", receiver.Url + "/prodready");
        Assert.Equal(0, Support.Cli.Run(repo, "scan", ".").ExitCode);

        var pushed = Support.Cli.Run(repo, "push", "--server", server.Address.ToString(), "--key", key);
        var again = Support.Cli.RunWith(new Dictionary<string, string> { ["PRODREADY_API_KEY"] = key }, repo, "push", "--server", server.Address.ToString());

        Assert.Equal((0, ""), (pushed.ExitCode, pushed.Stderr.Replace("warning: no service name in prodready.yml; pushing as 'payments' (its folder's name; --service or `service.name` sets it)\n", "", StringComparison.Ordinal)));
        Assert.Equal($"Stored: scan 1 as assessment 1 of payments; its page: {server.Address}services/payments", pushed.Stdout.Trim());
        Assert.Equal((0, $"Already stored: scan 1 as assessment 1 of payments; its page: {server.Address}services/payments"), (again.ExitCode, again.Stdout.Trim()));
        using var reader = new HttpClient { BaseAddress = server.Address };
        reader.DefaultRequestHeaders.Authorization = new("Bearer", key);
        var services = await reader.GetStringAsync("/api/v1/services");
        Assert.Contains("\"name\":\"payments\"", services);
        Assert.Matches("\"commit\":\"[0-9a-f]{40}\"", services);

        // The sample fails P0 controls: the first assessment of a service announces them, signed.
        for (var waited = 0; receiver.Requests.Count == 0 && waited < 100; waited++)
        {
            await Task.Delay(200);
        }
        var hook = Assert.Single(receiver.Requests);
        Assert.Equal(("/prodready", "p0.failing"), (hook.Path, hook.Event));
        Assert.True(WebhookSignature.Verify(hook.Signature, hook.Body, Secret, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)));
        Assert.Contains("\"name\":\"payments\"", hook.Body);

        var listed = Support.Cli.Run(_temp.Root, "keys", "list");
        Assert.Equal(0, listed.ExitCode);
        Assert.Matches(@"ci-payments\s+│\s+[a-z2-7]{8}\s+│\s+assessments:write, read\s+│\s+\d{4}-\d\d-\d\d\s+│\s+-\s+│\s+\d{4}-\d\d-\d\d\s+│\s+active", listed.Stdout);
        Assert.DoesNotContain(key, listed.Stdout + listed.Stderr, StringComparison.Ordinal);

        Assert.Equal(0, Support.Cli.Run(_temp.Root, "keys", "revoke", "ci-payments").ExitCode);
        var revoked = Support.Cli.Run(repo, "push", "--server", server.Address.ToString(), "--key", key);
        Assert.Equal((2, $"error: {server.Address}api/v1/assessments: HTTP 401 Authentication required: the API key is not valid (unknown, revoked or expired)"),
            (revoked.ExitCode, revoked.Stderr.Trim().Split('\n')[^1]));
        Assert.DoesNotContain(key, pushed.Stdout + pushed.Stderr + revoked.Stdout + revoked.Stderr, StringComparison.Ordinal);

        server.Terminate();
        Assert.Equal(0, await server.ExitCodeAsync());
        var printed = string.Join('\n', server.Stdout) + server.Stderr;
        Assert.DoesNotContain(key, printed, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, printed, StringComparison.Ordinal);
    }

    public static TheoryData<string[], string> Refused => new()
    {
        { ["push", "--server", "http://127.0.0.1:9"], "error: no API key: give --key or set $PRODREADY_API_KEY (create one with `prodready keys create --name NAME --scopes assessments:write`)" },
        { ["push", "--server", "http://prodready.example", "--key", "prk_abcdefgh_secret"], "error: --server http://prodready.example/: plain http would send the key in clear; use https, or --allow-http on a network you trust" },
        { ["push", "--server", "ftp://x", "--key", "k"], "error: --server 'ftp://x': not an http(s) URL" },
        { ["push", "--server", "http://127.0.0.1:9", "--key", "k"], "error: ./.prodready/history.db: no scan recorded here; run `prodready scan` (or `gate`) first, or push a file with --file" },
        { ["keys", "create", "--name", "ci", "--scopes", "write"], "error: --scopes: unknown scope 'write'; expected assessments:write, read, admin" },
        { ["keys", "create", "--name", "c i", "--scopes", "read"], "error: --name: 'c i' is not a key name: 1 to 64 letters, digits, '.', '_' or '-'" },
        { ["keys", "create", "--name", "ci", "--scopes", "read", "--expires", "2020-13-01"], "error: --expires '2020-13-01': not a day (yyyy-MM-dd)" },
        { ["keys", "revoke", "nobody"], "error: no active key named 'nobody' (`prodready keys list` shows them)" },
        { ["serve", "--webhook-url", "http://127.0.0.1:9/hooks"], "error: --webhook-url needs a signing secret of at least 16 characters in $PRODREADY_WEBHOOK_SECRET (e.g. from `openssl rand -hex 32`)" },
        { ["serve", "--webhook-url", "ftp://127.0.0.1/hooks"], "error: --webhook-url 'ftp://127.0.0.1/hooks': not an http(s) URL" },
        { ["serve", "--urls", "notaurl"], "error: --urls 'notaurl': not an address to listen on, e.g. http://127.0.0.1:5080 or http://0.0.0.0:8080" },
        { ["serve", "--db", "/proc/nope/portfolio.db"], "error: --db /proc/nope/portfolio.db: cannot create the database's folder (Could not find file '/proc/nope'.)" },
        { ["serve", "--provider", "postgres"], "error: --db: not a postgres connection string (give one with --db or $PRODREADY_DB, e.g. \"Host=db;Database=prodready;Username=prodready\")" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void BadInputIsOneMessageAndExitTwo(string[] args, string message)
    {
        var run = Support.Cli.Run(_temp.Root, args);

        Assert.Equal((2, message), (run.ExitCode, run.Stderr.Trim()));
    }

    [Fact]
    public void AServerThatIsNotThereIsTriedThreeTimesThenNamed()
    {
        var file = _temp.Write("assessment.json", ServerScans.Json("orders", null, Model.ServiceTier.Standard, 'a'));
        var port = Loopback.FreePort();

        var run = Support.Cli.Run(_temp.Root, "push", "--server", $"http://127.0.0.1:{port}", "--key", "prk_abcdefgh_secret", "--file", file);

        Assert.Equal(2, run.ExitCode);
        var lines = run.Stderr.Trim().Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.StartsWith($"warning: http://127.0.0.1:{port}/api/v1/assessments: Connection refused (127.0.0.1:{port}); trying again", lines[0]);
        Assert.Equal($"error: http://127.0.0.1:{port}/api/v1/assessments: Connection refused (127.0.0.1:{port}) (tried 3 times; pushing again is safe)", lines[2]);
    }

    public void Dispose() => _temp.Dispose();

    [GeneratedRegex("^prk_[a-z2-7]{8}_[A-Za-z0-9_-]{43}$")]
    private static partial Regex KeyShape();
}
