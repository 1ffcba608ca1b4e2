using System.CommandLine;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ProdReady.History;
using ProdReady.Server.Api;
using ProdReady.Server.Store;
using Spectre.Console;

namespace ProdReady.Cli;

/// <summary>
/// `prodready push --server URL`: sends an assessment to the server, by default the latest scan recorded in the
/// repository's history (so it runs after `scan` or `gate` in CI). The key comes from --key or PRODREADY_API_KEY
/// and is never printed. Transient failures (connection, 429, 5xx) are retried twice; pushing again is safe.
/// </summary>
internal static class PushCommand
{
    public const string KeyVariable = "PRODREADY_API_KEY";
    private const int Attempts = 3;

    public static Command Create()
    {
        var path = HistoryCommand.FolderArgument();
        var server = new Option<string>("--server") { Description = "The server, e.g. http://127.0.0.1:5080", Required = true };
        var key = new Option<string?>("--key") { Description = $"An API key with the assessments:write scope (default: ${KeyVariable})" };
        var file = new Option<string?>("--file") { Description = "Push this assessment JSON (from `scan --json`) instead of the latest recorded scan" };
        var history = HistoryRecording.PathOption("Read the latest scan from this history file (default: PATH/.prodready/history.db)");
        var service = new Option<string?>("--service") { Description = "The service's name on the server (default: the name in prodready.yml)" };
        var repo = new Option<string?>("--repo") { Description = "The repository's URL, shown on the service's page" };
        var allowHttp = new Option<bool>("--allow-http") { Description = "Send the key over plain http to a host other than this machine" };
        var command = new Command("push", "Send the latest scan (or an assessment JSON file) to a ProdReady server")
        {
            path, server, key, file, history, service, repo, allowHttp,
        };
        command.SetAction((parse, cancel) => RunAsync(new Push(
            parse.GetValue(server)!, parse.GetValue(key) ?? Environment.GetEnvironmentVariable(KeyVariable),
            parse.GetValue(file), parse.GetValue(path)!, parse.GetValue(history) ?? HistoryStore.DefaultPath(parse.GetValue(path)!),
            parse.GetValue(service), parse.GetValue(repo), parse.GetValue(allowHttp)), cancel));
        return command;
    }

    private sealed record Push(string Server, string? Key, string? File, string Folder, string HistoryPath, string? Service, string? Repo, bool AllowHttp);

    private static async Task<int> RunAsync(Push push, CancellationToken cancel)
    {
        if (!Uri.TryCreate(push.Server, UriKind.Absolute, out var server) || server.Scheme is not ("http" or "https"))
        {
            Consoles.Fail($"--server '{push.Server}': not an http(s) URL");
            return ExitCodes.BadInput;
        }
        if (server.Scheme == "http" && !server.IsLoopback && !push.AllowHttp)
        {
            Consoles.Fail($"--server {server}: plain http would send the key in clear; use https, or --allow-http on a network you trust");
            return ExitCodes.BadInput;
        }
        if (string.IsNullOrWhiteSpace(push.Key))
        {
            Consoles.Fail($"no API key: give --key or set ${KeyVariable} (create one with `prodready keys create --name NAME --scopes assessments:write`)");
            return ExitCodes.BadInput;
        }
        if (Document(push) is not { } document)
        {
            return ExitCodes.BadInput;
        }
        if (push.Service is null && push.File is null && ServiceDeclaration.Read(document.Json).Name is null)
        {
            // A repository without `service.name` in prodready.yml is named as its checkout usually is: after its folder.
            push = push with { Service = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(push.Folder))) };
            Consoles.Warn($"no service name in prodready.yml; pushing as '{push.Service}' (its folder's name; --service or `service.name` sets it)");
        }
        var target = new Uri(server, $"api/v1/assessments{Query(push)}");
        var endpoint = target.GetLeftPart(UriPartial.Path);
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new StringContent(document.Json, Encoding.UTF8, "application/json") };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", push.Key);
            string? failure;
            TimeSpan? retryAfter = null;
            try
            {
                using var response = await client.SendAsync(request, cancel);
                if (response.IsSuccessStatusCode)
                {
                    var pushed = await response.Content.ReadFromJsonAsync<AssessmentEndpoints.PushResponse>(cancel);
                    var page = new Uri(server, "services/" + Uri.EscapeDataString(pushed?.Service ?? ""));
                    Consoles.Out.MarkupLineInterpolated($"{(pushed?.Outcome == "stored" ? "Stored" : "Already stored")}: {document.Label} as assessment {pushed?.Id} of [bold]{pushed?.Service}[/]; its page: {page}");
                    return ExitCodes.Done;
                }
                failure = await Describe(response, cancel);
                if (!IsTransient(response.StatusCode))
                {
                    Consoles.Fail($"{endpoint}: {failure}");
                    return ExitCodes.BadInput;
                }
                retryAfter = response.Headers.RetryAfter?.Delta;
            }
            catch (HttpRequestException unreachable)
            {
                failure = unreachable.Message;
            }
            catch (TaskCanceledException) when (!cancel.IsCancellationRequested)
            {
                failure = $"no answer within {client.Timeout.TotalSeconds:0} s";
            }
            if (attempt == Attempts)
            {
                Consoles.Fail($"{endpoint}: {failure} (tried {Attempts} times; pushing again is safe)");
                return ExitCodes.BadInput;
            }
            Consoles.Warn($"{endpoint}: {failure}; trying again");
            await Task.Delay(retryAfter is { } wait && wait < TimeSpan.FromSeconds(30) ? wait : ExponentialBackoff(attempt), cancel);
        }
    }

    /// <summary>
    /// The wait after failed attempt <paramref name="attempt"/>: 1 to 2 s, then 2 to 4 s. Doubling gives a restarting
    /// server room; the jitter keeps CI jobs failed by the same outage from retrying in step.
    /// </summary>
    private static TimeSpan ExponentialBackoff(int attempt) => TimeSpan.FromSeconds(Math.Pow(2, attempt - 1) * (1 + Random.Shared.NextDouble()));

    private sealed record Problem(string? Title, string? Detail, string? Field);

    private static (string Json, string Label)? Document(Push push)
    {
        if (push.File is { } file)
        {
            try
            {
                var json = File.ReadAllText(file);
                AssessmentFile.Parse(json, file);
                return (json, file);
            }
            catch (Exception unreadable) when (unreadable is IOException or UnauthorizedAccessException)
            {
                Consoles.Fail($"{file}: {unreadable.Message}");
                return null;
            }
            catch (HistoryException invalid)
            {
                Consoles.Fail(invalid.Message);
                return null;
            }
        }
        if (!File.Exists(push.HistoryPath))
        {
            Consoles.Fail($"{push.HistoryPath}: no scan recorded here; run `prodready scan` (or `gate`) first, or push a file with --file");
            return null;
        }
        try
        {
            using var store = HistoryStore.OpenExisting(push.HistoryPath);
            if (store.LatestDocument() is { } latest)
            {
                return (latest.Json, $"scan {latest.Id}");
            }
            Consoles.Fail($"{push.HistoryPath}: no scan recorded yet; run `prodready scan` (or `gate`) first, or push a file with --file");
            return null;
        }
        catch (HistoryException problem)
        {
            Consoles.Fail(problem.Message);
            return null;
        }
    }

    private static string Query(Push push)
    {
        var parameters = new[] { ("service", push.Service), ("repo", push.Repo) }
            .Where(parameter => !string.IsNullOrEmpty(parameter.Item2))
            .Select(parameter => $"{parameter.Item1}={Uri.EscapeDataString(parameter.Item2!)}");
        var query = string.Join('&', parameters);
        return query.Length == 0 ? "" : "?" + query;
    }

    private static bool IsTransient(HttpStatusCode status) => status == HttpStatusCode.TooManyRequests || (int)status >= 500;

    /// <summary>"HTTP 400: field results[2].status: ..." from a problem+json answer; the status alone otherwise.</summary>
    private static async Task<string> Describe(HttpResponseMessage response, CancellationToken cancel)
    {
        var status = $"HTTP {(int)response.StatusCode}";
        try
        {
            var problem = await response.Content.ReadFromJsonAsync<Problem>(cancel);
            return problem?.Detail is null ? status : $"{status} {problem.Title}: {(problem.Field is null ? "" : $"{problem.Field}: ")}{problem.Detail}";
        }
        catch (Exception notProblem) when (notProblem is JsonException or NotSupportedException or InvalidOperationException)
        {
            return status;
        }
    }
}
