using System.Diagnostics;
using System.Globalization;

namespace ProdReady.Tests.Support;

/// <summary>`prodready serve` as a real child process on a free loopback port, stopped with SIGTERM as a service manager would.</summary>
public sealed class ServeProcess : IAsyncDisposable
{
    private static readonly string Assembly = Path.Combine(AppContext.BaseDirectory, "ProdReady.Cli.dll");
    private readonly Process _process;
    private readonly Task<string> _stdout;
    private readonly Task<string> _stderr;

    private ServeProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
        _stdout = process.StandardOutput.ReadToEndAsync();
        _stderr = process.StandardError.ReadToEndAsync();
    }

    public Uri Address { get; }

    /// <summary>Starts `prodready serve ARGS --urls http://127.0.0.1:PORT` in <paramref name="workingDirectory"/> and waits until it answers.</summary>
    public static Task<ServeProcess> StartAsync(string workingDirectory, params string[] args) => StartAsync(workingDirectory, new Dictionary<string, string>(), args);

    /// <summary>As <see cref="StartAsync(string, string[])"/>, with extra environment variables.</summary>
    public static async Task<ServeProcess> StartAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var address = new Uri($"http://127.0.0.1:{Loopback.FreePort().ToString(CultureInfo.InvariantCulture)}");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Assembly, "serve", "--urls", address.ToString().TrimEnd('/') }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["NO_COLOR"] = "1";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        var serve = new ServeProcess(Process.Start(start)!, address);
        using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
        for (var waited = Stopwatch.StartNew(); waited.Elapsed < TimeSpan.FromSeconds(60); await Task.Delay(200))
        {
            if (serve._process.HasExited)
            {
                throw new InvalidOperationException($"prodready serve exited with {serve._process.ExitCode}: {await serve._stderr}{await serve._stdout}");
            }
            try
            {
                await client.GetAsync("/api/v1/openapi.json");
                return serve;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
        }
        await serve.DisposeAsync();
        throw new TimeoutException("prodready serve did not answer within 60 s");
    }

    /// <summary>Sends SIGTERM and waits for the exit; returns the exit code and everything the server printed.</summary>
    public async Task<CliRun> StopAsync()
    {
        if (!_process.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)])!;
            await kill.WaitForExitAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await _process.WaitForExitAsync(timeout.Token);
        }
        return new CliRun(_process.ExitCode, await _stdout, await _stderr);
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
