using System.CommandLine;
using Microsoft.AspNetCore.Http;
using ProdReady.Server;
using ProdReady.Server.Operations;
using ProdReady.Server.Webhooks;

namespace ProdReady.Cli;

/// <summary>`prodready serve`: the portfolio server, until Ctrl+C or SIGTERM (which let ingests in flight finish).</summary>
internal static class ServeCommand
{
    /// <summary>From the environment only: a secret on the command line would show in the process list.</summary>
    public const string WebhookSecretVariable = "PRODREADY_WEBHOOK_SECRET";

    /// <summary>Short secrets can be guessed offline from one signed delivery.</summary>
    private const int MinimumSecretLength = 16;

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
        var staleDays = new Option<int>("--stale-days") { Description = "Flag a service as stale after this many days without a scan", DefaultValueFactory = _ => (int)new ServerSettings().StaleAfter.TotalDays };
        var webhookUrls = new Option<string[]>("--webhook-url")
        {
            Description = $"Send level drops and new P0 failures here (repeatable), signed with the secret in ${WebhookSecretVariable}",
        };
        var webhookAttempts = new Option<int>("--webhook-attempts") { Description = "Attempts before a delivery is parked as a dead letter", DefaultValueFactory = _ => new WebhookOptions().MaxAttempts };
        var command = new Command("serve", "Run the ProdReady server: an API that CI pushes assessments to, and a dashboard of the portfolio")
        {
            urls, publicRead, staleDays, rateLimit, webhookUrls, webhookAttempts,
        };
        store.AddTo(command);
        command.SetAction(async (parse, cancel) =>
        {
            if (UnusableUrl(parse.GetValue(urls)!) is { } badUrl)
            {
                Consoles.Fail($"--urls '{badUrl}': not an address to listen on, e.g. {ServerSettings.DefaultUrls} or http://0.0.0.0:8080");
                return ExitCodes.BadInput;
            }
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
            if (Webhooks(parse.GetValue(webhookUrls) ?? [], parse.GetValue(webhookAttempts)) is not { } webhooks)
            {
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
                Webhooks = webhooks,
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

    /// <summary>The first of the ';'-separated addresses Kestrel could not listen on as written, or null.</summary>
    private static string? UnusableUrl(string urls) => urls.Split(';', StringSplitOptions.TrimEntries).FirstOrDefault(url =>
    {
        try
        {
            return BindingAddress.Parse(url).Scheme is not ("http" or "https");
        }
        catch (FormatException)
        {
            return true;
        }
    });

    /// <summary>The webhook options, or null after saying what is wrong with them.</summary>
    private static WebhookOptions? Webhooks(string[] urls, int attempts)
    {
        if (urls.FirstOrDefault(url => !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")) is { } bad)
        {
            Consoles.Fail($"--webhook-url '{bad}': not an http(s) URL");
            return null;
        }
        if (attempts < 1)
        {
            Consoles.Fail($"--webhook-attempts {attempts}: give 1 or more");
            return null;
        }
        var secret = Environment.GetEnvironmentVariable(WebhookSecretVariable) ?? "";
        if (urls.Length > 0 && secret.Length < MinimumSecretLength)
        {
            Consoles.Fail($"--webhook-url needs a signing secret of at least {MinimumSecretLength} characters in ${WebhookSecretVariable} (e.g. from `openssl rand -hex 32`)");
            return null;
        }
        return new WebhookOptions { Urls = [.. urls.Distinct(StringComparer.Ordinal)], Secret = secret, MaxAttempts = attempts };
    }
}
