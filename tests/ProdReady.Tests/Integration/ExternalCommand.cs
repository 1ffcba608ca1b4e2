using System.ComponentModel;
using System.Diagnostics;

namespace ProdReady.Tests.Integration;

/// <summary>Runs a build step (dotnet build, npm install) to completion, or fails with the command and its output.</summary>
public static class ExternalCommand
{
    public static async Task Run(string workingDirectory, TimeSpan timeout, string fileName, params string[] args)
    {
        using var process = new Process { StartInfo = StartInfo(fileName, args, workingDirectory, new Dictionary<string, string>()) };
        var output = new ProcessOutput(process);
        Start(process, fileName);
        output.BeginReading();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"`{Describe(fileName, args)}` did not finish within {timeout.TotalMinutes:0} min:\n{output.Tail()}");
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"`{Describe(fileName, args)}` failed with exit code {process.ExitCode}:\n{output.Tail()}");
        }
    }

    /// <summary>
    /// The child gets this test run's environment without its MSBuild variables (set by `dotnet test`, they would
    /// steer a nested build), plus the given variables.
    /// </summary>
    public static ProcessStartInfo StartInfo(string fileName, IEnumerable<string> args, string workingDirectory, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var name in start.Environment.Keys.Where(name => name.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        return start;
    }

    /// <summary>Starts the process; a missing program is named, with where it comes from.</summary>
    public static void Start(Process process, string fileName)
    {
        try
        {
            process.Start();
        }
        catch (Win32Exception error)
        {
            throw new InvalidOperationException($"cannot run `{fileName}` ({error.Message}); the sample integration tests need dotnet, node and npm on PATH (.ci/run installs them)", error);
        }
    }

    private static string Describe(string fileName, string[] args) => string.Join(' ', [fileName, .. args]);
}
