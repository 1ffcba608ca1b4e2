using System.Diagnostics;

namespace ProdReady.Tests.Support;

public sealed record CliRun(int ExitCode, string Stdout, string Stderr);

/// <summary>Runs the real `prodready` program as a separate process, as a user would.</summary>
public static class Cli
{
    private static readonly string Assembly = Path.Combine(AppContext.BaseDirectory, "ProdReady.Cli.dll");

    public static CliRun Run(string workingDirectory, params string[] args) => RunWith(new Dictionary<string, string>(), workingDirectory, args);

    /// <summary>As <see cref="Run"/>, with extra environment variables (OPENSSL_CONF, ...).</summary>
    public static CliRun RunWith(IReadOnlyDictionary<string, string> environment, string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        start.ArgumentList.Add(Assembly);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["NO_COLOR"] = "1";
        return Wait(start, args);
    }

    /// <summary>
    /// Runs prodready on a pseudo-terminal, as in an interactive shell, through util-linux `script`; stdout and
    /// stderr both arrive in <see cref="CliRun.Stdout"/>.
    /// </summary>
    public static CliRun RunOnTerminal(string workingDirectory, params string[] args)
    {
        var command = string.Join(' ', new[] { "dotnet", Assembly }.Concat(args).Select(arg => "'" + arg.Replace("'", "'\\''") + "'"));
        var start = new ProcessStartInfo("script") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "--quiet", "--return", "--command", command, "/dev/null" })
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["TERM"] = "xterm-256color";
        return Wait(start, args);
    }

    private static CliRun Wait(ProcessStartInfo start, string[] args)
    {
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
