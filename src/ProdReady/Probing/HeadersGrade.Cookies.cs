namespace ProdReady.Probing;

/// <summary>Cookie flags as Observatory grades them: the worst cookie sets the result.</summary>
public sealed partial record HeadersGrade
{
    private static bool SameSiteKnown(SetCookie cookie) =>
        cookie.Attribute("SameSite") is not { } value || value.Equals("strict", StringComparison.OrdinalIgnoreCase) || value.Equals("lax", StringComparison.OrdinalIgnoreCase) || value.Equals("none", StringComparison.OrdinalIgnoreCase);

    private static bool Restricted(SetCookie cookie) =>
        cookie.Attribute("SameSite") is { } value && !value.Equals("none", StringComparison.OrdinalIgnoreCase) && SameSiteKnown(cookie);

    private static GradeModifier Cookies(ProbeExchange root, bool https)
    {
        const string test = "cookies";
        var cookies = SetCookie.On(root).ToList();
        if (cookies.Count == 0)
        {
            return new(test, 0, "no cookies set");
        }
        // HSTS keeps a cookie without Secure off plain http, so Observatory takes less for it.
        var hsts = https && root.Header("Strict-Transport-Security") is { } header && Probes.HeadersProbe.HstsMaxAge(header) > 0;
        GradeModifier?[] problems =
        [
            cookies.FirstOrDefault(cookie => cookie.IsSession && !cookie.Has("Secure")) is { } insecureSession
                ? new(test, hsts ? -10 : -40, $"session cookie {insecureSession.Name} without Secure{(hsts ? " (HSTS keeps it off http)" : "")}") : null,
            cookies.FirstOrDefault(cookie => cookie.IsSession && !cookie.Has("HttpOnly")) is { } readableSession
                ? new(test, -30, $"session cookie {readableSession.Name} without HttpOnly: scripts can steal it") : null,
            cookies.FirstOrDefault(cookie => cookie.IsAntiForgery && !cookie.Has("SameSite")) is { } csrf
                ? new(test, -20, $"anti-CSRF cookie {csrf.Name} without SameSite") : null,
            cookies.FirstOrDefault(cookie => !SameSiteKnown(cookie)) is { } unknown
                ? new(test, -20, $"cookie {unknown.Name} has SameSite={unknown.Attribute("SameSite")}, not Strict, Lax or None") : null,
            cookies.FirstOrDefault(cookie => !cookie.Has("Secure")) is { } insecure
                ? new(test, hsts ? -5 : -20, $"cookie {insecure.Name} without Secure{(hsts ? " (HSTS keeps it off http)" : "")}") : null,
        ];
        if (problems.OfType<GradeModifier>().OrderBy(problem => problem.Points).FirstOrDefault() is { } worst)
        {
            return worst;
        }
        return cookies.All(Restricted)
            ? new(test, 5, "cookies Secure, session cookies HttpOnly, all SameSite Strict or Lax")
            : new(test, 0, "cookies Secure and session cookies HttpOnly, but not all SameSite Strict or Lax");
    }
}
