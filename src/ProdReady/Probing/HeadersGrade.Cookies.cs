namespace ProdReady.Probing;

/// <summary>Cookie flags as Observatory grades them: the worst cookie sets the result.</summary>
public sealed partial record HeadersGrade
{
    /// <summary>Name parts of cookies that hold a session or a credential.</summary>
    private static readonly string[] SessionNames = ["sess", "sid", "login", "auth", "token", "jwt", "identity", ".aspnetcore.cookies"];

    /// <summary>Name parts of anti-CSRF cookies, which must be readable by scripts and so are never session cookies.</summary>
    private static readonly string[] CsrfNames = ["csrf", "xsrf", "antiforgery"];

    private sealed record Cookie(string Name, bool Secure, bool HttpOnly, string? SameSite)
    {
        public bool IsCsrf => CsrfNames.Any(part => Name.Contains(part, StringComparison.OrdinalIgnoreCase));
        public bool IsSession => !IsCsrf && SessionNames.Any(part => Name.Contains(part, StringComparison.OrdinalIgnoreCase));
        public bool SameSiteKnown => SameSite is null || SameSite.Equals("strict", StringComparison.OrdinalIgnoreCase) || SameSite.Equals("lax", StringComparison.OrdinalIgnoreCase) || SameSite.Equals("none", StringComparison.OrdinalIgnoreCase);
        public bool Restricted => SameSite is not null && !SameSite.Equals("none", StringComparison.OrdinalIgnoreCase) && SameSiteKnown;
    }

    private static GradeModifier Cookies(ProbeExchange root, bool https)
    {
        const string test = "cookies";
        var cookies = Parse(root.Header("Set-Cookie")).ToList();
        if (cookies.Count == 0)
        {
            return new(test, 0, "no cookies set");
        }
        // HSTS keeps a cookie without Secure off plain http, so Observatory takes less for it.
        var hsts = https && root.Header("Strict-Transport-Security") is { } header && HstsMaxAge(header) > 0;
        GradeModifier?[] problems =
        [
            cookies.FirstOrDefault(cookie => cookie.IsSession && !cookie.Secure) is { } insecureSession
                ? new(test, hsts ? -10 : -40, $"session cookie {insecureSession.Name} without Secure{(hsts ? " (HSTS keeps it off http)" : "")}") : null,
            cookies.FirstOrDefault(cookie => cookie.IsSession && !cookie.HttpOnly) is { } readableSession
                ? new(test, -30, $"session cookie {readableSession.Name} without HttpOnly: scripts can steal it") : null,
            cookies.FirstOrDefault(cookie => cookie.IsCsrf && cookie.SameSite is null) is { } csrf
                ? new(test, -20, $"anti-CSRF cookie {csrf.Name} without SameSite") : null,
            cookies.FirstOrDefault(cookie => !cookie.SameSiteKnown) is { } unknown
                ? new(test, -20, $"cookie {unknown.Name} has SameSite={unknown.SameSite}, not Strict, Lax or None") : null,
            cookies.FirstOrDefault(cookie => !cookie.Secure) is { } insecure
                ? new(test, hsts ? -5 : -20, $"cookie {insecure.Name} without Secure{(hsts ? " (HSTS keeps it off http)" : "")}") : null,
        ];
        if (problems.OfType<GradeModifier>().OrderBy(problem => problem.Points).FirstOrDefault() is { } worst)
        {
            return worst;
        }
        return cookies.All(cookie => cookie.Restricted)
            ? new(test, 5, "cookies Secure, session cookies HttpOnly, all SameSite Strict or Lax")
            : new(test, 0, "cookies Secure and session cookies HttpOnly, but not all SameSite Strict or Lax");
    }

    /// <summary>
    /// Cookies from Set-Cookie headers joined by commas: a comma starts a new cookie only when a name=value follows,
    /// since Expires dates hold commas too ("Wed, 21 Oct 2026 07:28:00 GMT").
    /// </summary>
    private static IEnumerable<Cookie> Parse(string? setCookie)
    {
        var lines = new List<string>();
        foreach (var piece in (setCookie ?? "").Split(','))
        {
            var head = piece.TrimStart().Split(';')[0];
            var startsCookie = head.IndexOf('=', StringComparison.Ordinal) is > 0 and var equals && !head[..equals].Any(char.IsWhiteSpace);
            if (startsCookie || lines.Count == 0)
            {
                lines.Add(piece.Trim());
            }
            else
            {
                lines[^1] += "," + piece;
            }
        }
        foreach (var line in lines.Where(line => line.Contains('=', StringComparison.Ordinal)))
        {
            var parts = line.Split(';', StringSplitOptions.TrimEntries);
            var attributes = parts[1..].Select(part => part.Split('=', 2, StringSplitOptions.TrimEntries)).ToList();
            bool Has(string name) => attributes.Any(attribute => attribute[0].Equals(name, StringComparison.OrdinalIgnoreCase));
            var sameSite = attributes.FirstOrDefault(attribute => attribute[0].Equals("SameSite", StringComparison.OrdinalIgnoreCase));
            yield return new Cookie(parts[0].Split('=', 2)[0].Trim(), Has("Secure"), Has("HttpOnly"), sameSite is null ? null : sameSite.ElementAtOrDefault(1) ?? "");
        }
    }
}
