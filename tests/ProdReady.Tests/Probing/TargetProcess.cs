using System.Diagnostics;

namespace ProdReady.Tests.Probing;

/// <summary>
/// The test target in a process of its own (`dotnet ProdReady.TestTarget.dll`), for settings that are per process,
/// such as OPENSSL_CONF. Stops when disposed: its standard input closes.
/// </summary>
internal sealed class TargetProcess : IDisposable
{
    private readonly Process _process;

    private TargetProcess(Process process, Uri url) => (_process, Url) = (process, url);

    public Uri Url { get; }

    public static TargetProcess Start(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ProdReady.TestTarget.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        var process = Process.Start(start)!;
        var url = process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(1)).GetAwaiter().GetResult();
        return new TargetProcess(process, new Uri(url ?? throw new InvalidOperationException("the target process printed no URL")));
    }

    public void Dispose()
    {
        _process.StandardInput.Close();
        if (!_process.WaitForExit(TimeSpan.FromSeconds(10)))
        {
            _process.Kill(entireProcessTree: true);
        }
        _process.Dispose();
    }
}
