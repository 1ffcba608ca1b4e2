using System.Text.Json;
using System.Text.Json.Nodes;
using ProdReady.Tests.Support;

namespace ProdReady.Tests.History;

/// <summary>
/// A copy of samples/node-express-api in its own git repository, scanned twice with the real CLI: as it is, then
/// after a commit that adds a CI workflow running the tests, helmet and a health route. Both scans are recorded in
/// the repository's default history and written as JSON.
/// </summary>
public sealed class ClimbingSample : IAsyncLifetime
{
    private readonly TempRepo _temp = new();

    public string Repo => Path.Combine(_temp.Root, "orders-api");
    public string BeforeJson => Path.Combine(_temp.Root, "before.json");
    public string AfterJson => Path.Combine(_temp.Root, "after.json");
    public string BeforeCommit { get; private set; } = "";
    public string AfterCommit { get; private set; } = "";
    public double BeforeOverall { get; private set; }
    public double AfterOverall { get; private set; }

    public async Task InitializeAsync()
    {
        await GitCopy.OfSample("node-express-api", Repo);
        (BeforeCommit, BeforeOverall) = Scan(BeforeJson);

        var workflow = Path.Combine(Repo, ".github", "workflows", "ci.yml");
        Directory.CreateDirectory(Path.GetDirectoryName(workflow)!);
        File.WriteAllText(workflow, """
            name: ci
            on: [push, pull_request]
            jobs:
              test:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/checkout@v4
                  - uses: actions/setup-node@v4
                    with: { node-version: 20 }
                  - run: npm ci
                  - run: npm test
            """);
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(Repo, "package.json")))!;
        manifest["dependencies"]!["helmet"] = "^7.1.0";
        File.WriteAllText(Path.Combine(Repo, "package.json"), manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        var app = Path.Combine(Repo, "src", "app.ts");
        File.WriteAllText(app, File.ReadAllText(app)
            .Replace("import cors from 'cors';", "import cors from 'cors';\nimport helmet from 'helmet';", StringComparison.Ordinal)
            .Replace("app.use(cors());", "app.use(helmet());\napp.use(cors());", StringComparison.Ordinal)
            .Replace("app.get('/', ", "app.get('/healthz', (_req, res) => {\n  res.json({ status: 'ok' });\n});\n\napp.get('/', ", StringComparison.Ordinal));
        await GitCopy.Commit(Repo, "CI runs the tests; helmet; a health route");
        (AfterCommit, AfterOverall) = Scan(AfterJson);
    }

    public Task DisposeAsync()
    {
        _temp.Dispose();
        return Task.CompletedTask;
    }

    public CliRun Run(params string[] args) => Support.Cli.Run(Repo, args);

    private (string Commit, double Overall) Scan(string output)
    {
        var run = Run("scan", ".", "--format", "json", "--output", output);
        Assert.True(run.ExitCode == 0 && run.Stderr == "", $"scan failed ({run.ExitCode}): {run.Stderr}");
        using var json = JsonDocument.Parse(File.ReadAllText(output));
        return (json.RootElement.GetProperty("commit").GetString()!, json.RootElement.GetProperty("scores").GetProperty("overall").GetProperty("value").GetDouble());
    }
}
