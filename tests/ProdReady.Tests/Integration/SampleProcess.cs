using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ProdReady.Tests.Integration;

/// <summary>
/// A sample service running as a real process on a loopback port, until disposed: then it is killed with its
/// children, whatever happened in between.
/// </summary>
public sealed class SampleProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly ProcessOutput _output;

    private SampleProcess(Process process, ProcessOutput output, int port)
    {
        _process = process;
        _output = output;
        Url = new Uri($"http://127.0.0.1:{port}/");
    }

    public Uri Url { get; }

    /// <summary>What the service wrote so far (its logs).</summary>
    public string Output => _output.Tail();

    /// <summary>Starts the command and returns once something accepts connections on 127.0.0.1:<paramref name="port"/>.</summary>
    public static async Task<SampleProcess> Start(string name, int port, string workingDirectory, IReadOnlyDictionary<string, string> environment, string fileName, params string[] args)
    {
        var process = new Process { StartInfo = ExternalCommand.StartInfo(fileName, args, workingDirectory, environment) };
        var output = new ProcessOutput(process);
        ExternalCommand.Start(process, fileName);
        output.BeginReading();
        var sample = new SampleProcess(process, output, port);
        try
        {
            await sample.WaitUntilListening(name, port);
            return sample;
        }
        catch
        {
            await sample.DisposeAsync();
            throw;
        }
    }

    private async Task WaitUntilListening(string name, int port)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < StartupTimeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{name} exited with code {_process.ExitCode} before listening on port {port}:\n{Output}");
            }
            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        throw new TimeoutException($"{name} did not listen on 127.0.0.1:{port} within {StartupTimeout.TotalSeconds:0} s:\n{Output}");
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
