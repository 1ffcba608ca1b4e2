using System.Globalization;
using System.Text.RegularExpressions;
using ProdReady.Model;

namespace ProdReady.Probing.Probes;

/// <summary>
/// Security headers on the target's own answer, as a browser would get them: HSTS on https, nosniff, frame
/// protection, CSP on HTML without unsafe-inline/unsafe-eval, Referrer-Policy, and no version banners.
/// </summary>
public sealed partial class HeadersProbe : IProbe
{
    /// <summary>Six months, the HSTS preload minimum and what Observatory asks for.</summary>
    public const int MinimumHstsSeconds = 15552000;

    public string Id => "headers";


    public IReadOnlyList<string> Findings => ["headers.hsts", "headers.nosniff", "headers.frame", "headers.csp", "headers.referrer", "headers.banner", "headers"];

    public Task<IReadOnlyList<ProbeFinding>> Run(ProbeContext context)
    {
        var root = context.Root;
        if (root.Status is null)
        {
            return Task.FromResult<IReadOnlyList<ProbeFinding>>([new ProbeFinding("headers", ProbeVerdict.Inconclusive, $"no answer to read headers from: {root.Error}")]);
        }
        var html = IsHtml(root);
        IReadOnlyList<ProbeFinding> findings =
        [
            Hsts(root),
            ContentTypeOptions(root),
            FrameProtection(root, html),
            .. html ? [Csp(root)] : Array.Empty<ProbeFinding>(),
            ReferrerPolicy(root),
            .. Banners(root),
        ];
        return Task.FromResult(findings);
    }

    public static bool IsHtml(ProbeExchange exchange) => exchange.Header("Content-Type")?.Contains("html", StringComparison.OrdinalIgnoreCase) == true;

    private static ProbeFinding Finding(string id, ProbeVerdict verdict, string message, ProbeExchange exchange, string? header = null) =>
        new(id, verdict, message) { Exchanges = [exchange], Excerpt = header is not null && exchange.Header(header) is { } value ? $"{header}: {value}" : null };

    private static ProbeFinding Hsts(ProbeExchange root)
    {
        if (root.Url.Scheme != Uri.UriSchemeHttps)
        {
            return Finding("headers.hsts", ProbeVerdict.Inconclusive, "the target is plain http; HSTS is judged on https", root);
        }
        if (root.Header("Strict-Transport-Security") is not { } hsts)
        {
            return Finding("headers.hsts", ProbeVerdict.Fail, "no Strict-Transport-Security header", root);
        }
        var maxAge = HstsMaxAge(hsts) ?? 0;
        return maxAge >= MinimumHstsSeconds
            ? Finding("headers.hsts", ProbeVerdict.Pass, $"HSTS max-age {maxAge} s", root, "Strict-Transport-Security")
            : Finding("headers.hsts", ProbeVerdict.Warn, $"HSTS max-age {maxAge} s is under {MinimumHstsSeconds} (six months)", root, "Strict-Transport-Security");
    }

    private static ProbeFinding ContentTypeOptions(ProbeExchange root) =>
        string.Equals(root.Header("X-Content-Type-Options")?.Trim(), "nosniff", StringComparison.OrdinalIgnoreCase)
            ? Finding("headers.nosniff", ProbeVerdict.Pass, "X-Content-Type-Options: nosniff", root, "X-Content-Type-Options")
            : Finding("headers.nosniff", ProbeVerdict.Fail, "no X-Content-Type-Options: nosniff; browsers may sniff responses into scripts", root, "X-Content-Type-Options");

    private static ProbeFinding FrameProtection(ProbeExchange root, bool html)
    {
        var frameOptions = root.Header("X-Frame-Options");
        var ancestors = root.Header("Content-Security-Policy") is { } csp && csp.Contains("frame-ancestors", StringComparison.OrdinalIgnoreCase);
        if (ancestors || frameOptions is { } value && FrameOptionsValue().IsMatch(value))
        {
            return Finding("headers.frame", ProbeVerdict.Pass, ancestors ? "CSP frame-ancestors set" : $"X-Frame-Options: {frameOptions}", root, ancestors ? "Content-Security-Policy" : "X-Frame-Options");
        }
        // Framing matters for pages; for a JSON API it is defence in depth.
        return Finding("headers.frame", html ? ProbeVerdict.Fail : ProbeVerdict.Warn, "no X-Frame-Options or CSP frame-ancestors: pages can be framed (clickjacking)", root);
    }

    private static ProbeFinding Csp(ProbeExchange root)
    {
        if (root.Header("Content-Security-Policy") is not { } csp)
        {
            return Finding("headers.csp", ProbeVerdict.Fail, "HTML without a Content-Security-Policy", root);
        }
        var unsafeParts = UnsafeSource().Matches(csp).Select(match => match.Value).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return unsafeParts.Count == 0
            ? Finding("headers.csp", ProbeVerdict.Pass, "Content-Security-Policy without unsafe sources", root, "Content-Security-Policy")
            : Finding("headers.csp", ProbeVerdict.Warn, $"Content-Security-Policy allows {string.Join(" and ", unsafeParts)}", root, "Content-Security-Policy");
    }

    private static ProbeFinding ReferrerPolicy(ProbeExchange root) => root.Header("Referrer-Policy") is { } policy
        ? Finding("headers.referrer", ProbeVerdict.Pass, $"Referrer-Policy: {policy}", root, "Referrer-Policy")
        : Finding("headers.referrer", ProbeVerdict.Warn, "no Referrer-Policy: full URLs may leak to other sites", root);

    /// <summary>Headers that tell an attacker which version to look up.</summary>
    private static IEnumerable<ProbeFinding> Banners(ProbeExchange root)
    {
        var shown = new List<string>();
        if (root.Header("Server") is { } server && server.Any(char.IsAsciiDigit))
        {
            shown.Add($"Server: {server}");
        }
        shown.AddRange(new[] { "X-Powered-By", "X-AspNet-Version", "X-AspNetMvc-Version" }
            .Where(name => root.Header(name) is not null).Select(name => $"{name}: {root.Header(name)}"));
        yield return shown.Count == 0
            ? new ProbeFinding("headers.banner", ProbeVerdict.Pass, "no version banners") { Exchanges = [root] }
            : new ProbeFinding("headers.banner", ProbeVerdict.Fail, $"version banner{(shown.Count == 1 ? "" : "s")}: {string.Join("; ", shown)}")
            { Exchanges = [root], Excerpt = shown[0], Severity = Priority.P2 };
    }

    /// <summary>The max-age of a Strict-Transport-Security value, when it has a readable one.</summary>
    internal static long? HstsMaxAge(string hsts) =>
        MaxAge().Match(hsts) is { Success: true } match && long.TryParse(match.Groups[1].Value, CultureInfo.InvariantCulture, out var seconds) ? seconds : null;

    [GeneratedRegex(@"max-age\s*=\s*""?(\d+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex MaxAge();

    [GeneratedRegex(@"^\s*(?:DENY|SAMEORIGIN)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex FrameOptionsValue();

    [GeneratedRegex(@"'unsafe-(?:inline|eval)'", RegexOptions.IgnoreCase)]
    private static partial Regex UnsafeSource();
}
