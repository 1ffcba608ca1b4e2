using System.CommandLine;
using ProdReady.Server;
using ProdReady.Server.Operations;

namespace ProdReady.Cli;

/// <summary>`prodready serve`: the portfolio server, until Ctrl+C or SIGTERM (which let ingests in flight finish).</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var store = new ServerStore();
        var urls = new Option<string>("--urls") { Description = "Where to listen, ';'-separated", DefaultValueFactory = _ => ServerSettings.DefaultUrls };
        var publicRead = new Option<bool>("--public-read") { Description = "Let anyone read the portfolio and dashboard without a key (pushing and admin still need one)" };
        var rateLimit = new Option<string>("--rate-limit")
        {
            Description = "Requests one API key (or client address) may make: N/s, N/min, N/h, or off (e.g. for a load test)",
            DefaultValueFactory = _ => RateLimit.Default.ToString(),
        };
        var staleDays = new Option<int>("--stale-days") { Description = "Flag a service as stale after this many days without a scan", DefaultValueFactory = _ => 14 };
        var command = new Command("serve", "Run the ProdReady server: an API that CI pushes assessments to, and a dashboard of the portfolio")
        {
            urls, publicRead, staleDays, rateLimit,
        };
        store.AddTo(command);
        command.SetAction(async (parse, cancel) =>
        {
            if (parse.GetValue(staleDays) < 1)
            {
                Consoles.Fail($"--stale-days {parse.GetValue(staleDays)}: give a number of days, 1 or more");
                return ExitCodes.BadInput;
            }
            if (RateLimit.Parse(parse.GetValue(rateLimit)!, out var badLimit) is not { } limit)
            {
                Consoles.Fail($"--rate-limit: {badLimit}");
                return ExitCodes.BadInput;
            }
            if (await store.OpenAsync(parse, cancel) is not { } opened)
            {
                return ExitCodes.BadInput;
            }
            var settings = new ServerSettings
            {
                Urls = parse.GetValue(urls)!,
                PublicRead = parse.GetValue(publicRead),
                StaleAfter = TimeSpan.FromDays(parse.GetValue(staleDays)),
                RateLimit = limit,
            };
            await using var app = ServerApp.Build(settings, opened);
            try
            {
                await app.RunAsync();
            }
            catch (IOException bindFailed)
            {
                Consoles.Fail($"--urls {settings.Urls}: {bindFailed.Message}");
                return ExitCodes.BadInput;
            }
            return ExitCodes.Done;
        });
        return command;
    }
}
