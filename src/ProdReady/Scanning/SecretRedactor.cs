using System.Text.RegularExpressions;

namespace ProdReady.Scanning;

/// <summary>
/// Masks what looks like a secret before it is shown or stored as evidence: this tool reports committed
/// secrets, and must not repeat them in its own output.
/// </summary>
public static partial class SecretRedactor
{
    public static string Redact(string line)
    {
        var masked = AssignedSecret().Replace(line, match => match.Groups["name"].Value + match.Groups["sep"].Value + Mask(match.Groups["value"].Value));
        return LongToken().Replace(masked, match => Mask(match.Value));
    }

    private static string Mask(string value) => value.Length <= 4 ? "****" : value[..4] + "****";

    // name = "value" / name: value / NAME=value, where the name says it is a secret.
    [GeneratedRegex(@"(?<name>(?i:[a-z0-9_.-]*(?:password|passwd|secret|token|api[_-]?key|private[_-]?key|access[_-]?key|credential)[a-z0-9_.-]*[""']?))(?<sep>\s*[:=]\s*[""']?)(?<value>[^\s""',;]{4,})", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant)]
    private static partial Regex AssignedSecret();

    // Long opaque tokens (keys, JWTs): 32+ characters of base64/hex alphabet with no spaces.
    [GeneratedRegex(@"[A-Za-z0-9+/_\-]{32,}={0,2}", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant)]
    private static partial Regex LongToken();
}
