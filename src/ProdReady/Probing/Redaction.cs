using System.Text.RegularExpressions;

namespace ProdReady.Probing;

/// <summary>
/// A leaked line is shown as evidence, but never the secret in it: the probe's own output lands in CI logs.
/// </summary>
public static partial class Redaction
{
    /// <summary>The line of <paramref name="text"/> that holds <paramref name="index"/>, trimmed, cut at 160 characters, redacted.</summary>
    public static string LineAt(string text, int index)
    {
        var start = text.LastIndexOf('\n', Math.Max(0, index - 1)) + 1;
        var end = text.IndexOf('\n', index);
        var line = text[start..(end < 0 ? text.Length : end)].Trim();
        return Redact(line.Length > 160 ? line[..160] + "…" : line);
    }

    public static string Redact(string text) => UrlCredentials().Replace(SecretValue().Replace(text, "${key}${sep}***"), "${scheme}${user}:***@");

    [GeneratedRegex(@"(?<key>\b(?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key)\b""?)(?<sep>\s*[=:]\s*""?)[^;,\s""'&]+", RegexOptions.IgnoreCase, 1000)]
    private static partial Regex SecretValue();

    [GeneratedRegex(@"(?<scheme>\b[a-z][a-z0-9+.\-]*://)(?<user>[^:/@\s]+):[^@/\s]+@", RegexOptions.IgnoreCase, 1000)]
    private static partial Regex UrlCredentials();
}
