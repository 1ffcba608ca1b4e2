using System.Collections.Concurrent;
using System.Diagnostics;
using ProdReady.Tests.Support;

namespace ProdReady.Tests.Server;

/// <summary>`prodready serve` as its own process on a free loopback port, as an operator runs it; stopped with SIGTERM.</summary>
public sealed class ServeProcess : IAsyncDisposable
{
    private static readonly string Assembly = Path.Combine(AppContext.BaseDirectory, "ProdReady.Cli.dll");

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _stdout = new();
    private readonly ConcurrentQueue<string> _stderr = new();

    private ServeProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>What the server wrote to stdout, one line per entry (complete once it has exited).</summary>
    public IReadOnlyList<string> Stdout => [.. _stdout];

    public string Stderr => string.Join('\n', _stderr);

    public static Task<ServeProcess> StartAsync(string workingDirectory, string databaseFile, params string[] options) =>
        StartAsync(workingDirectory, databaseFile, new Dictionary<string, string>(), options);

    /// <summary>As <see cref="StartAsync(string, string, string[])"/>, with extra environment variables (secrets are given so).</summary>
    public static async Task<ServeProcess> StartAsync(string workingDirectory, string databaseFile, IReadOnlyDictionary<string, string> environment, params string[] options)
    {
        var address = new Uri($"http://127.0.0.1:{Loopback.FreePort()}");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Assembly, "serve", "--urls", address.ToString().TrimEnd('/'), "--db", databaseFile }.Concat(options))
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["NO_COLOR"] = "1";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        var process = Process.Start(start)!;
        var serve = new ServeProcess(process, address);
        process.OutputDataReceived += (_, line) => { if (line.Data is not null) { serve._stdout.Enqueue(line.Data); } };
        process.ErrorDataReceived += (_, line) => { if (line.Data is not null) { serve._stderr.Enqueue(line.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await serve.WaitUntilLiveAsync();
        return serve;
    }

    /// <summary>Sends SIGTERM, as an orchestrator stopping a container does.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    /// <summary>The exit code, once the process ended and its output was read to the end.</summary>
    public async Task<int> ExitCodeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    private async Task WaitUntilLiveAsync()
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"prodready serve exited {_process.ExitCode}: {Stderr}");
            }
            try
            {
                if ((await client.GetAsync("/healthz/live")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"prodready serve did not answer /healthz/live within a minute: {Stderr}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
