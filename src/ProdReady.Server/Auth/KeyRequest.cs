using System.Text.RegularExpressions;
using ProdReady.Server.Store;

namespace ProdReady.Server.Auth;

/// <summary>A request for a new key, from `prodready keys create` or the admin API, checked the same way for both.</summary>
public sealed partial record KeyRequest(string Name, string Scopes, DateTimeOffset? ExpiresAt)
{
    /// <summary>The first thing wrong with the request (the field and why), or null and the parsed scopes.</summary>
    public IngestProblem? Check(DateTimeOffset now, out IReadOnlyList<string> scopes)
    {
        scopes = KeyScopes.Parse(Scopes, out var unknown);
        if (!NamePattern().IsMatch(Name))
        {
            return new IngestProblem("name", $"'{Name}' is not a key name: 1 to 64 letters, digits, '.', '_' or '-'");
        }
        if (unknown.Count > 0)
        {
            return new IngestProblem("scopes", $"unknown scope {string.Join(", ", unknown.Select(scope => $"'{scope}'"))}; expected {string.Join(", ", KeyScopes.All)}");
        }
        if (scopes.Count == 0)
        {
            return new IngestProblem("scopes", $"no scope given; expected one or more of {string.Join(", ", KeyScopes.All)}");
        }
        if (ExpiresAt is { } expiry && expiry <= now)
        {
            return new IngestProblem("expiresAt", $"{expiry:O} is not in the future");
        }
        return null;
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
