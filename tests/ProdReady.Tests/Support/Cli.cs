using System.Diagnostics;

namespace ProdReady.Tests.Support;

public sealed record CliRun(int ExitCode, string Stdout, string Stderr);

/// <summary>Runs the real `prodready` program as a separate process, as a user would.</summary>
public static class Cli
{
    private static readonly string Assembly = Path.Combine(AppContext.BaseDirectory, "ProdReady.Cli.dll");

    public static CliRun Run(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Assembly);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("prodready " + string.Join(' ', args) + " did not finish");
        }
        return new CliRun(process.ExitCode, stdout.Result, stderr.Result);
    }
}
