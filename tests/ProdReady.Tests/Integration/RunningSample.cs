using ProdReady.Tests.Support;

namespace ProdReady.Tests.Integration;

/// <summary>
/// One of samples/ built from a temporary copy and running on a free loopback port for the whole test class
/// (a class fixture: built once per run). Its dependencies (database, identity provider, collector) are pointed
/// at a loopback port where nothing listens, so it runs as it would while they are down.
/// </summary>
public abstract class RunningSample : IAsyncLifetime
{
    private static readonly string[] BuildOutputs = ["bin", "obj", "node_modules", "dist", "out"];

    private string? _copy;
    private SampleProcess? _process;

    public abstract string Name { get; }

    /// <summary>The sample in the repository, as `scan` reads it.</summary>
    public string Source => RepositoryRoot.Samples(Name);

    public Uri Url => Process.Url;

    public SampleProcess Process => _process ?? throw new InvalidOperationException($"{Name} is not running");

    /// <summary>A loopback port with nothing behind it, where the sample's dependencies would be.</summary>
    protected int Nowhere { get; private set; }

    /// <summary>Runs the real CLI with these arguments and reads its JSON; a failed run shows the sample's own output too.</summary>
    public System.Text.Json.JsonDocument RunJson(params string[] args)
    {
        var run = Support.Cli.Run(AppContext.BaseDirectory, [.. args, "--format", "json"]);
        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Stderr}\n{Process.Output}");
        return System.Text.Json.JsonDocument.Parse(run.Stdout);
    }

    protected abstract Task Build(string copy);

    protected abstract Task<SampleProcess> Launch(string copy, int port);

    public async Task InitializeAsync()
    {
        _copy = Directory.CreateTempSubdirectory($"prodready-{Name}-").FullName;
        Copy(new DirectoryInfo(Source), _copy);
        await Build(_copy);
        var ports = Loopback.FreePorts(2);
        Nowhere = ports[1];
        _process = await Launch(_copy, ports[0]);
    }

    public async Task DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }
        if (_copy is not null)
        {
            Directory.Delete(_copy, recursive: true);
        }
    }

    /// <summary>The sample's files, without anything a local build of it may have left behind.</summary>
    private static void Copy(DirectoryInfo from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in from.EnumerateFiles())
        {
            file.CopyTo(Path.Combine(to, file.Name));
        }
        foreach (var folder in from.EnumerateDirectories().Where(folder => !BuildOutputs.Contains(folder.Name)))
        {
            Copy(folder, Path.Combine(to, folder.Name));
        }
    }
}

/// <summary>samples/aspnet-api, built with the .NET SDK and run from its build output.</summary>
public sealed class AspNetApiSample : RunningSample
{
    public override string Name => "aspnet-api";

    protected override Task Build(string copy) => ExternalCommand.Run(copy, TimeSpan.FromMinutes(8),
        "dotnet", "build", "src/Inventory.Api/Inventory.Api.csproj", "-c", "Release", "-o", "out", "--disable-build-servers");

    protected override Task<SampleProcess> Launch(string copy, int port) => SampleProcess.Start(Name, port, Path.Combine(copy, "out"),
        new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__Inventory"] = $"Host=127.0.0.1;Port={Nowhere};Database=inventory;Username=inventory;Timeout=5",
            ["Auth__Authority"] = $"https://127.0.0.1:{Nowhere}/realms/warehouse",
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{Nowhere}",
        },
        "dotnet", "Inventory.Api.dll");
}

/// <summary>samples/node-express-api: npm install (it has no lock file, on purpose), tsc, then what `npm start` runs.</summary>
public sealed class NodeExpressApiSample : RunningSample
{
    public override string Name => "node-express-api";

    protected override async Task Build(string copy)
    {
        await ExternalCommand.Run(copy, TimeSpan.FromMinutes(8), "npm", "install", "--no-audit", "--no-fund");
        await ExternalCommand.Run(copy, TimeSpan.FromMinutes(2), "npm", "run", "build");
    }

    // The committed .env sets PORT and DATABASE_URL too, but dotenv never overrides the environment. pg connects on
    // the first query, and no probed route queries.
    protected override Task<SampleProcess> Launch(string copy, int port) => SampleProcess.Start(Name, port, copy,
        new Dictionary<string, string>
        {
            ["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["DATABASE_URL"] = $"postgres://orders@127.0.0.1:{Nowhere}/orders",
        },
        "node", "dist/index.js");
}
