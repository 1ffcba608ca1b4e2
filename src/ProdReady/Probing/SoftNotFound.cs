using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace ProdReady.Probing;

/// <summary>
/// How the target answers paths that cannot exist, fetched first: a server that answers 200 to everything would
/// otherwise "expose" /.env, /metrics and every admin path. An answer that looks like this baseline is no hit.
/// </summary>
public sealed partial class SoftNotFound
{
    private readonly List<(int? Status, string Fingerprint, int Length)> _answers;

    private SoftNotFound(List<(int?, string, int)> answers) => _answers = answers;

    /// <summary>Two random paths, so one cached page cannot pass for the rule.</summary>
    public static async Task<SoftNotFound> Fetch(ProbeClient client)
    {
        var answers = new List<(int?, string, int)>();
        foreach (var path in new[] { $"/prodready-{Guid.NewGuid():N}", $"/{Guid.NewGuid():N}/{Guid.NewGuid():N}.html" })
        {
            var exchange = await client.Send(ProbeRequest.Get(path)).ConfigureAwait(false);
            answers.Add((exchange.StatusCode, Fingerprint(exchange.Body), exchange.Body.Length));
        }
        return new SoftNotFound(answers);
    }

    /// <summary>Whether an answer is just the catch-all page again: same status, same body once the path is taken out.</summary>
    public bool Matches(ProbeExchange exchange)
    {
        if (!exchange.IsSuccess)
        {
            return false;
        }
        var fingerprint = Fingerprint(exchange.Body);
        return _answers.Any(answer => answer.Status == exchange.StatusCode
            && (answer.Fingerprint == fingerprint || (answer.Length > 0 && Math.Abs(answer.Length - exchange.Body.Length) <= Math.Max(16, answer.Length / 20))));
    }

    /// <summary>The body with paths, ids and numbers blanked, hashed: a catch-all page echoing the path still matches.</summary>
    private static string Fingerprint(string body) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Volatile().Replace(body, "#"))));

    [GeneratedRegex(@"/[\w\-./]*|[0-9a-fA-F]{8,}|\d+")]
    private static partial Regex Volatile();
}
