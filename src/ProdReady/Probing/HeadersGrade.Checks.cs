namespace ProdReady.Probing;

/// <summary>The header tests with Observatory's modifiers, each written from its published scoring table.</summary>
public sealed partial record HeadersGrade
{
    /// <summary>Observatory's six months (182.5 days); the headers probe's 180 days is the preload list's minimum.</summary>
    public const long SixMonthsSeconds = 15768000;

    private const long OneYearSeconds = 31536000;

    private static readonly string[] PrivateReferrers = ["no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"];
    private static readonly string[] UnsafeReferrers = ["no-referrer-when-downgrade", "origin", "origin-when-cross-origin", "unsafe-url"];

    private static GradeModifier StrictTransportSecurity(ProbeExchange root, bool https)
    {
        const string test = "strict-transport-security";
        if (!https)
        {
            return NotGraded(test, "HSTS not graded: plain http target (Observatory takes -20 from a site without https)");
        }
        if (root.Header("Strict-Transport-Security") is not { } hsts)
        {
            return new(test, -20, "no Strict-Transport-Security");
        }
        if (Probes.HeadersProbe.HstsMaxAge(hsts) is not { } maxAge)
        {
            return new(test, -20, "Strict-Transport-Security has no readable max-age");
        }
        if (maxAge < SixMonthsSeconds)
        {
            return new(test, -10, $"HSTS max-age {maxAge} s is under six months");
        }
        // Observatory checks the browsers' preload list itself; without network this grade credits a preload-ready header.
        return hsts.Contains("preload", StringComparison.OrdinalIgnoreCase) && hsts.Contains("includesubdomains", StringComparison.OrdinalIgnoreCase) && maxAge >= OneYearSeconds
            ? new(test, 5, "HSTS ready for preload (preload, includeSubDomains, max-age of a year)")
            : new(test, 0, $"HSTS max-age {maxAge} s");
    }


    private static GradeModifier ReferrerPolicy(ProbeExchange root)
    {
        const string test = "referrer-policy";
        if (root.Header("Referrer-Policy") is not { } header)
        {
            return new(test, 0, "no Referrer-Policy (browsers default to strict-origin-when-cross-origin)");
        }
        // Browsers use the last policy they recognise, so a fallback list reads right to left.
        var policy = header.Split(',', StringSplitOptions.TrimEntries).Select(token => token.ToLowerInvariant())
            .LastOrDefault(token => PrivateReferrers.Contains(token) || UnsafeReferrers.Contains(token));
        return policy is null ? new(test, -5, $"Referrer-Policy '{header}' is not a policy browsers know")
            : PrivateReferrers.Contains(policy) ? new(test, 5, $"Referrer-Policy {policy}")
            : new(test, -5, $"Referrer-Policy {policy} sends full URLs or origins to other sites");
    }

    private static GradeModifier ContentTypeOptions(ProbeExchange root) => root.Header("X-Content-Type-Options")?.Trim() switch
    {
        null => new("x-content-type-options", -5, "no X-Content-Type-Options"),
        var value when value.Equals("nosniff", StringComparison.OrdinalIgnoreCase) => new("x-content-type-options", 0, "X-Content-Type-Options nosniff"),
        var value => new("x-content-type-options", -5, $"X-Content-Type-Options '{value}' is not nosniff"),
    };

    private static GradeModifier FrameOptions(ProbeExchange root)
    {
        const string test = "x-frame-options";
        if (Directives(root.Header("Content-Security-Policy")).TryGetValue("frame-ancestors", out var ancestors) && !ancestors.Contains("*"))
        {
            return new(test, 5, "framing limited by CSP frame-ancestors");
        }
        var value = root.Header("X-Frame-Options")?.Trim();
        return value switch
        {
            null => new(test, -20, "no X-Frame-Options or CSP frame-ancestors"),
            _ when value.Equals("DENY", StringComparison.OrdinalIgnoreCase) || value.Equals("SAMEORIGIN", StringComparison.OrdinalIgnoreCase) => new(test, 0, $"X-Frame-Options {value.ToUpperInvariant()}"),
            _ when value.StartsWith("ALLOW-FROM", StringComparison.OrdinalIgnoreCase) => new(test, 0, "X-Frame-Options ALLOW-FROM (ignored by current browsers; use frame-ancestors)"),
            _ => new(test, -20, $"X-Frame-Options '{value}' is not DENY or SAMEORIGIN"),
        };
    }

    private static GradeModifier CrossOriginResourcePolicy(ProbeExchange root) => root.Header("Cross-Origin-Resource-Policy")?.Trim().ToLowerInvariant() switch
    {
        null => new("cross-origin-resource-policy", 0, "no Cross-Origin-Resource-Policy"),
        ("same-origin" or "same-site") and var value => new("cross-origin-resource-policy", 10, $"Cross-Origin-Resource-Policy {value}"),
        "cross-origin" => new("cross-origin-resource-policy", 0, "Cross-Origin-Resource-Policy cross-origin"),
        var value => new("cross-origin-resource-policy", -5, $"Cross-Origin-Resource-Policy '{value}' is not a policy browsers know"),
    };

    /// <summary>
    /// Observatory penalises only an arbitrary origin echoed together with credentials; it needs the CORS probe's request
    /// with a foreign Origin, and without one only the target's own answer is read.
    /// </summary>
    private static GradeModifier CrossOriginResourceSharing(ProbeExchange root, IReadOnlyList<ProbeExchange> seen)
    {
        const string test = "cross-origin-resource-sharing";
        var probe = seen.FirstOrDefault(exchange => exchange.Status is not null && exchange.Url.Host == root.Url.Host
            && exchange.RequestHeaders.TryGetValue("Origin", out var origin) && origin != "null");
        var answer = probe ?? root;
        var allowed = answer.Header("Access-Control-Allow-Origin")?.Trim();
        var sent = probe?.RequestHeaders["Origin"];
        var credentials = string.Equals(answer.Header("Access-Control-Allow-Credentials")?.Trim(), "true", StringComparison.OrdinalIgnoreCase);
        return allowed switch
        {
            null => new(test, 0, "no CORS headers"),
            "*" => new(test, 0, "CORS allows any origin without credentials (public content)"),
            _ when allowed == sent && credentials => new(test, -50, $"CORS echoes any origin ({sent}) with credentials: any site reads signed-in users' data"),
            _ when allowed == sent => new(test, 0, $"CORS echoes any origin ({sent}), without credentials"),
            _ => new(test, 0, $"CORS restricted to {allowed}"),
        };
    }

    /// <summary>Read from an http request to the same host that another probe (TLS) made, without following its redirect.</summary>
    private static GradeModifier Redirection(ProbeExchange root, bool https, IReadOnlyList<ProbeExchange> seen)
    {
        const string test = "redirection";
        if (!https)
        {
            return NotGraded(test, "redirection to https not graded: plain http target (Observatory takes -20 from a site without https)");
        }
        if (seen.FirstOrDefault(exchange => exchange.Url.Scheme == Uri.UriSchemeHttp && exchange.Url.Host == root.Url.Host) is not { } plain)
        {
            return NotGraded(test, "redirection to https not graded: no http request in this run");
        }
        if (plain.Status is null)
        {
            return new(test, 0, "http does not answer, so no redirection is needed");
        }
        if (plain.StatusCode is not (301 or 302 or 303 or 307 or 308) || plain.Header("Location") is not { } location || !Uri.TryCreate(plain.Url, location, out var next))
        {
            return new(test, -20, $"http answers {plain.StatusCode} without redirecting to https");
        }
        return next.Scheme != Uri.UriSchemeHttps ? new(test, -10, $"http redirects to {next} first, not to https")
            : next.Host != root.Url.Host ? new(test, -5, $"http redirects to https on another host ({next.Host}), so this host never sets HSTS")
            : new(test, 0, "http redirects to https on the same host");
    }
}
