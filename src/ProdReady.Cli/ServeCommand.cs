using System.CommandLine;
using ProdReady.Server;

namespace ProdReady.Cli;

/// <summary>`prodready serve`: the portfolio server, until Ctrl+C or SIGTERM (which let ingests in flight finish).</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var store = new ServerStore();
        var urls = new Option<string>("--urls") { Description = "Where to listen, ';'-separated", DefaultValueFactory = _ => ServerSettings.DefaultUrls };
        var publicRead = new Option<bool>("--public-read") { Description = "Let anyone read the portfolio and dashboard without a key (pushing and admin still need one)" };
        var staleDays = new Option<int>("--stale-days") { Description = "Flag a service as stale after this many days without a scan", DefaultValueFactory = _ => 14 };
        var command = new Command("serve", "Run the ProdReady server: an API that CI pushes assessments to, and a dashboard of the portfolio")
        {
            urls, publicRead, staleDays,
        };
        store.AddTo(command);
        command.SetAction(async (parse, cancel) =>
        {
            if (parse.GetValue(staleDays) < 1)
            {
                Consoles.Fail($"--stale-days {parse.GetValue(staleDays)}: give a number of days, 1 or more");
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
                // Beside the database, so that sessions outlive a restart; PostgreSQL servers keep them in memory.
                SessionKeysFolder = store.SqliteFolder is { } folder ? Path.Combine(folder, "session-keys") : null,
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
