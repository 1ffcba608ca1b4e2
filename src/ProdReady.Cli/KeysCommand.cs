using System.CommandLine;
using System.Globalization;
using ProdReady.Model;
using ProdReady.Server.Auth;
using ProdReady.Server.Store;
using Spectre.Console;

namespace ProdReady.Cli;

/// <summary>`prodready keys create|list|revoke`: API keys, on the server's database directly (the admin API does the same remotely).</summary>
internal static class KeysCommand
{
    public static Command Create() => new("keys", "Manage the server's API keys: a key is shown once, when created; the server keeps only a salted hash")
    {
        CreateKey(), ListKeys(), RevokeKey(),
    };

    private static Command CreateKey()
    {
        var store = new ServerStore();
        var name = new Option<string>("--name") { Description = "Who uses the key, e.g. ci-payments (letters, digits, '.', '_', '-')", Required = true };
        var scopes = new Option<string>("--scopes") { Description = $"Comma-separated: {string.Join(", ", KeyScopes.All)}", Required = true };
        var expires = new Option<string?>("--expires") { Description = "Last day the key works (yyyy-MM-dd, UTC); default: no expiry" };
        var command = new Command("create", "Create an API key and print it, once") { name, scopes, expires };
        store.AddTo(command);
        command.SetAction(async (parse, cancel) =>
        {
            DateTimeOffset? expiresAt = null;
            if (parse.GetValue(expires) is { } day)
            {
                if (!DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var last))
                {
                    Consoles.Fail($"--expires '{day}': not a day (yyyy-MM-dd)");
                    return ExitCodes.BadInput;
                }
                expiresAt = new DateTimeOffset(last.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            }
            var request = new KeyRequest(parse.GetValue(name)!, parse.GetValue(scopes)!, expiresAt);
            if (request.Check(DateTimeOffset.UtcNow, out var granted) is { } problem)
            {
                Consoles.Fail($"--{(problem.Field == "expiresAt" ? "expires" : problem.Field)}: {problem.Message}");
                return ExitCodes.BadInput;
            }
            if (await store.OpenAsync(parse, cancel) is not { } opened)
            {
                return ExitCodes.BadInput;
            }
            if (await opened.CreateKeyAsync(request.Name, granted, expiresAt, cancel) is not { } created)
            {
                Consoles.Fail($"--name: a key named '{request.Name}' exists (names are never reused, revoked keys included)");
                return ExitCodes.BadInput;
            }
            // The key alone on stdout, so that `KEY=$(prodready keys create ...)` captures it; the rest on stderr.
            Console.Out.WriteLine(created.Issued.Key);
            Consoles.Error.MarkupLineInterpolated($"Key [bold]{request.Name}[/] ({string.Join(", ", granted)}){(expiresAt is null ? "" : $", works through {parse.GetValue(expires)}")}. It is shown this once: store it as a secret now.");
            return ExitCodes.Done;
        });
        return command;
    }

    private static Command ListKeys()
    {
        var store = new ServerStore();
        var command = new Command("list", "List the keys (names, prefixes, scopes, expiry, last use; never the keys)");
        store.AddTo(command);
        command.SetAction(async (parse, cancel) =>
        {
            if (await store.OpenAsync(parse, cancel) is not { } opened)
            {
                return ExitCodes.BadInput;
            }
            var now = DateTimeOffset.UtcNow;
            var table = new Table().AddColumns("Name", "Prefix", "Scopes", "Created", "Expires", "Last used", "State");
            foreach (var key in await opened.KeysAsync(cancel))
            {
                var state = key.RevokedAt is not null ? "revoked" : key.IsActiveAt(now) ? "active" : "expired";
                table.AddRow(Markup.Escape(key.Name), key.Prefix, string.Join(", ", key.Scopes), Day(key.CreatedAt), Day(key.ExpiresAt), Day(key.LastUsedAt), state);
            }
            Consoles.Out.Write(table);
            return ExitCodes.Done;
        });
        return command;
    }

    private static Command RevokeKey()
    {
        var store = new ServerStore();
        var name = new Argument<string>("name") { Description = "The key's name" };
        var command = new Command("revoke", "Revoke a key: the server refuses it from its next request") { name };
        store.AddTo(command);
        command.SetAction(async (parse, cancel) =>
        {
            if (await store.OpenAsync(parse, cancel) is not { } opened)
            {
                return ExitCodes.BadInput;
            }
            if (!await opened.RevokeKeyAsync(parse.GetValue(name)!, cancel))
            {
                Consoles.Fail($"no active key named '{parse.GetValue(name)}' (`prodready keys list` shows them)");
                return ExitCodes.BadInput;
            }
            Consoles.Out.MarkupLineInterpolated($"Revoked [bold]{parse.GetValue(name)}[/].");
            return ExitCodes.Done;
        });
        return command;
    }

    private static string Day(DateTimeOffset? time) => time is { } known ? Ids.Day(DateOnly.FromDateTime(known.UtcDateTime)) : "-";
}
