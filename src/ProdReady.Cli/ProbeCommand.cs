using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ProdReady.Probing;
using ProdReady.Probing.Probes;
using ProdReady.Reporting;
using Spectre.Console;

namespace ProdReady.Cli;

/// <summary>`prodready probe URL`: a running service checked over HTTP, read-only and bounded by default.</summary>
internal static class ProbeCommand
{
    public static Command Create()
    {
        var url = new Argument<string>("url") { Description = "The running service, e.g. http://127.0.0.1:8080" };
        var format = new Option<string>("--format") { Description = "table or json", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var healthPath = new Option<string?>("--health-path") { Description = "A health endpoint to try first, e.g. /internal/health" };
        var openApi = new Option<string?>("--openapi") { Description = "The OpenAPI document: a path on the target (/openapi.json), a URL on its host, or a local file" };
        var budget = new Option<int>("--budget") { Description = "Most requests the run may send", DefaultValueFactory = _ => new ProbeOptions().RequestBudget };
        var allowBurst = new Option<bool>("--allow-burst") { Description = $"Also send a burst of up to {RateLimitProbe.MaxRequests} requests ({ProbeClient.BurstConcurrency} at a time) to see whether the service rate-limits" };
        var insecure = new Option<bool>("--insecure") { Description = "Probe even when the certificate is not valid (the TLS probe still reports it)" };
        var caFile = new Option<string?>("--ca-file") { Description = "PEM file of root certificates to trust besides the system store (a private CA)" };
        var httpPort = new Option<int?>("--http-port") { Description = "Port of plain http, to check it redirects to https (default: 80 when https is on 443)" };
        var command = new Command("probe", "Check a running service over HTTP (read-only, bounded): health, TLS, headers, CORS, errors, exposure, auth, methods, limits, cookies, compression, rate limits")
        {
            url, format, healthPath, openApi, budget, allowBurst, insecure, caFile, httpPort,
        };
        command.SetAction(parse => Run(parse.GetValue(url)!, parse.GetValue(format)!, parse.GetValue(caFile), new ProbeOptions
        {
            HealthPath = parse.GetValue(healthPath),
            OpenApi = parse.GetValue(openApi),
            RequestBudget = Math.Max(1, parse.GetValue(budget)),
            AllowBurst = parse.GetValue(allowBurst),
            Insecure = parse.GetValue(insecure),
            HttpPort = parse.GetValue(httpPort),
        }));
        return command;
    }

    private static int Run(string url, string format, string? caFile, ProbeOptions options)
    {
        var (target, problem) = ProbeRunner.ParseTarget(url);
        if (options.HttpPort is < 1 or > 65535)
        {
            problem = $"--http-port {options.HttpPort}: not a port (1-65535)";
        }
        var (roots, caProblem) = caFile is null ? ([], null) : LoadRoots(caFile);
        if (target is null || problem is not null || caProblem is not null)
        {
            Consoles.Fail((problem ?? caProblem)!);
            return ExitCodes.BadInput;
        }
        options = options with { TrustedRoots = roots };
        if (RulesCommand.Load(null) is not { } loaded)
        {
            return ExitCodes.BadInput;
        }
        var report = LiveEvidence.Attach(ProbeRunner.Run(target, options).GetAwaiter().GetResult(), loaded);
        if (report.Unreachable is { } why)
        {
            Consoles.Fail($"{target}: {why}");
            return ExitCodes.BadInput;
        }
        if (format == "json")
        {
            Console.Out.WriteLine(ProbeJson.Render(report));
        }
        else
        {
            Table(report);
        }
        return ExitCodes.Done;
    }

    /// <summary>The certificates of a PEM file, or why there are none.</summary>
    private static (X509Certificate2[] Roots, string? Problem) LoadRoots(string path)
    {
        var roots = new X509Certificate2Collection();
        try
        {
            roots.ImportFromPemFile(path);
        }
        catch (Exception unreadable) when (unreadable is IOException or UnauthorizedAccessException or CryptographicException)
        {
            return ([], $"--ca-file {path}: {unreadable.Message}");
        }
        return roots.Count == 0 ? ([], $"--ca-file {path}: no PEM certificate in it") : ([.. roots], null);
    }

    private static void Table(ProbeReport report)
    {
        var console = Consoles.Out;
        console.MarkupLine($"[bold]{Markup.Escape(report.Target.ToString())}[/] · {report.RequestsSent} requests");
        // The id column fits the longest id, so messages and the evidence lines under them stay aligned.
        var idWidth = report.Findings.Select(finding => finding.ProbeId.Length).DefaultIfEmpty(0).Max();
        var indent = new string(' ', 12 + 1 + idWidth + 1);
        foreach (var finding in report.Findings)
        {
            var colour = finding.Verdict switch { ProbeVerdict.Pass => "green", ProbeVerdict.Warn => "yellow", ProbeVerdict.Fail => "red", _ => "grey" };
            console.MarkupLine($"[{colour}]{finding.Verdict.ToString().ToLowerInvariant(),-12}[/] {Markup.Escape(finding.ProbeId.PadRight(idWidth))} {Markup.Escape(finding.Message)}");
            if (finding.Exchanges.Count > 0)
            {
                console.MarkupLine($"[grey]{indent}{Markup.Escape(finding.Exchanges[0].Summary)}[/]");
            }
            if (finding.Excerpt is { } excerpt)
            {
                console.MarkupLine($"[grey]{indent}> {Markup.Escape(excerpt)}[/]");
            }
            if (finding.Verdict is ProbeVerdict.Fail or ProbeVerdict.Warn && finding.Controls.Count > 0)
            {
                console.MarkupLine($"[grey]{indent}fix: {Markup.Escape(string.Join(", ", finding.Controls.Select(control => $"prodready rules show {control}")))}[/]");
            }
        }
        if (report.HeadersGrade is { } grade)
        {
            Grade(console, grade);
        }
        if (report.StoppedBecause is { } stopped)
        {
            console.MarkupLine($"[yellow]stopped early:[/] {Markup.Escape(stopped)}");
        }
    }

    /// <summary>
    /// "Headers grade C (50/100, Observatory-style)", then one line per modifier that moved the score or could not be
    /// graded, worst first: one line each, so the reasons stay whole in a 160-column log.
    /// </summary>
    private static void Grade(IAnsiConsole console, HeadersGrade grade)
    {
        console.MarkupLine($"[bold]Headers grade {Markup.Escape(grade.Grade)}[/] ({grade.Score}/100, Observatory-style)");
        foreach (var modifier in grade.Modifiers.Where(modifier => modifier.Points != 0 || !modifier.Graded))
        {
            var points = modifier.Graded ? modifier.Points.ToString("+0;-0", CultureInfo.InvariantCulture) : "n/a";
            var uncounted = modifier.Points > 0 && !modifier.Counted ? $" (not counted: bonuses need {HeadersGrade.BonusThreshold})" : "";
            console.MarkupLine($"[grey]{new string(' ', 13)}{points,4}  {Markup.Escape(modifier.Reason + uncounted)}[/]");
        }
    }
}
