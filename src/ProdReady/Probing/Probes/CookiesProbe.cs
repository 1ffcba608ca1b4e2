using System.Text.RegularExpressions;
using ProdReady.Model;

namespace ProdReady.Probing.Probes;

/// <summary>
/// Flags on session-like cookies set by the root and the usual login pages: HttpOnly keeps scripts (and so XSS)
/// from reading them, Secure keeps them off plain http, SameSite keeps them off cross-site requests (CSRF).
/// </summary>
public sealed partial class CookiesProbe : IProbe
{
    /// <summary>Pages that set a session cookie when the root does not; GET only.</summary>
    public static readonly IReadOnlyList<string> LoginPaths = ["/login", "/account/login", "/signin"];

    public string Id => "cookies";

    public IReadOnlyList<string> Findings => ["cookies.httponly", "cookies.secure", "cookies.samesite", "cookies.cache-control", "cookies"];

    public async Task<IReadOnlyList<ProbeFinding>> Run(ProbeContext context)
    {
        var exchanges = new List<ProbeExchange> { context.Root };
        foreach (var path in LoginPaths)
        {
            exchanges.Add(await context.Get(path).ConfigureAwait(false));
        }
        return Judge(exchanges);
    }

    /// <summary>The verdicts on the session-like cookies these answers set.</summary>
    internal static IReadOnlyList<ProbeFinding> Judge(IReadOnlyList<ProbeExchange> exchanges)
    {
        var cookies = exchanges
            .SelectMany(exchange => SetCookie.On(exchange).Where(cookie => cookie.IsSession).Select(cookie => new SentCookie(cookie, exchange)))
            .ToList();
        if (cookies.Count == 0)
        {
            return [new ProbeFinding("cookies", ProbeVerdict.Inconclusive,
                $"no session-like cookie set on {string.Join(", ", exchanges.Select(exchange => exchange.Url.AbsolutePath).Distinct())}")
            { Exchanges = exchanges }];
        }
        var https = exchanges[0].Url.Scheme == Uri.UriSchemeHttps;
        return
        [
            Flag(cookies, "cookies.httponly", "HttpOnly", ProbeVerdict.Fail, Priority.P1, "any script on the page, an injected one included, can read it"),
            https
                ? Flag(cookies, "cookies.secure", "Secure", ProbeVerdict.Fail, Priority.P1, "browsers also send it over plain http, in clear")
                : Flag(cookies, "cookies.secure", "Secure", ProbeVerdict.Warn, Priority.P2, "it will be sent in clear if ever served over http"),
            Flag(cookies, "cookies.samesite", "SameSite", ProbeVerdict.Warn, Priority.P2, "browsers default to Lax, but say so: older ones send it with cross-site requests (CSRF)"),
            CacheControl(cookies),
        ];
    }

    /// <summary>
    /// An answer that sets a session is an authenticated answer: a shared cache (CDN, proxy) that stores it hands one
    /// user's session to the next, so it must say no-store or private.
    /// </summary>
    private static ProbeFinding CacheControl(List<SentCookie> cookies)
    {
        var answers = cookies.Select(cookie => cookie.Exchange).Distinct().ToList();
        var cacheable = answers.Where(answer => answer.Header("Cache-Control") is not { } value || !NotShared().IsMatch(value)).ToList();
        var paths = string.Join(", ", (cacheable.Count == 0 ? answers : cacheable).Select(answer => answer.Url.AbsolutePath));
        return cacheable.Count == 0
            ? new ProbeFinding("cookies.cache-control", ProbeVerdict.Pass, $"{paths}: the answer setting the session says {answers[0].Header("Cache-Control")}")
            { Exchanges = answers, Excerpt = $"Cache-Control: {answers[0].Header("Cache-Control")}" }
            : new ProbeFinding("cookies.cache-control", ProbeVerdict.Warn,
                $"{paths} sets a session without Cache-Control: no-store or private: a shared cache may hand it to the next user")
            { Exchanges = cacheable, Excerpt = cacheable[0].Header("Cache-Control") is { } value ? $"Cache-Control: {value}" : null, Severity = Priority.P2 };
    }

    private static ProbeFinding Flag(List<SentCookie> cookies, string id, string flag, ProbeVerdict missing, Priority severity, string why)
    {
        var lacking = cookies.Where(cookie => !cookie.Has(flag)).ToList();
        var shown = lacking.Count == 0 ? cookies : lacking;
        var names = string.Join(", ", shown.Select(cookie => $"{cookie.Name} (set by {cookie.Exchange.Url.AbsolutePath})").Distinct());
        var several = shown.Select(cookie => cookie.Name).Distinct().Count() > 1;
        var finding = lacking.Count == 0
            ? new ProbeFinding(id, ProbeVerdict.Pass, $"{(several ? "cookies" : "cookie")} {names}: {flag} set")
            : new ProbeFinding(id, missing, $"{(several ? "cookies" : "cookie")} {names} {(several ? "lack" : "lacks")} {flag}: {why}") { Severity = severity };
        return finding with { Exchanges = [.. shown.Select(cookie => cookie.Exchange).Distinct()], Excerpt = shown[0].Redacted };
    }

    /// <summary>A session cookie and the answer that set it.</summary>
    private sealed record SentCookie(SetCookie Cookie, ProbeExchange Exchange)
    {
        public string Name => Cookie.Name;
        public string Redacted => Cookie.Redacted;
        public bool Has(string attribute) => Cookie.Has(attribute);
    }

    [GeneratedRegex(@"\b(?:no-store|private)\b", RegexOptions.IgnoreCase)]
    private static partial Regex NotShared();
}
