using System.Globalization;
using System.Net;
using ProdReady.Probing;
using ProdReady.Probing.Probes;
using ProdReady.TestTarget;

namespace ProdReady.Tests.Probing;

public class HeadersGradeTests
{
    private const string Https = "https://shop.example.test/";
    private const string Http = "http://shop.example.test/";
    private const string NoHttpRequest = "n/a redirection to https not graded: no http request in this run";
    private const string PlainHttp = "n/a redirection to https not graded: plain http target (Observatory takes -20 from a site without https) | n/a HSTS not graded: plain http target (Observatory takes -20 from a site without https)";

    [Theory]
    [InlineData(Https, "", 30, "D",
        "-25 no Content-Security-Policy | -20 no Strict-Transport-Security | -20 no X-Frame-Options or CSP frame-ancestors | -5 no X-Content-Type-Options | " + NoHttpRequest)]
    [InlineData(Https, """
        Content-Security-Policy: default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'
        Strict-Transport-Security: max-age=63072000; includeSubDomains; preload
        X-Content-Type-Options: nosniff
        Referrer-Policy: strict-origin-when-cross-origin
        Cross-Origin-Resource-Policy: same-origin
        Set-Cookie: __Host-session=abc; Path=/; Secure; HttpOnly; SameSite=Strict
        Set-Cookie: theme=dark; Expires=Wed, 21 Oct 2026 07:28:00 GMT; Secure; SameSite=Lax
        """, 140, "A+",
        "+10 strict CSP: default-src 'none', form-action set, nothing unsafe | +10 Cross-Origin-Resource-Policy same-origin | +5 cookies Secure, session cookies HttpOnly, all SameSite Strict or Lax | "
        + "+5 Referrer-Policy strict-origin-when-cross-origin | +5 HSTS ready for preload (preload, includeSubDomains, max-age of a year) | +5 framing limited by CSP frame-ancestors | " + NoHttpRequest)]
    [InlineData(Https, """
        Content-Security-Policy: default-src 'self'; script-src 'self' 'unsafe-inline'
        Strict-Transport-Security: max-age=86400
        X-Frame-Options: DENY
        X-Content-Type-Options: nosniff
        Referrer-Policy: no-referrer
        """, 70, "B",
        "-20 CSP allows 'unsafe-inline' scripts | -10 HSTS max-age 86400 s is under six months | +5 Referrer-Policy no-referrer (not counted) | " + NoHttpRequest)]
    [InlineData(Https, """
        Content-Security-Policy: default-src 'self'
        Strict-Transport-Security: max-age=86400
        X-Frame-Options: SAMEORIGIN
        X-Content-Type-Options: nosniff
        Referrer-Policy: same-origin
        """, 100, "A+",
        "-10 HSTS max-age 86400 s is under six months | +5 CSP without unsafe sources | +5 Referrer-Policy same-origin | " + NoHttpRequest)]
    [InlineData(Https, """
        Content-Security-Policy: default-src 'self'; script-src 'self' 'unsafe-eval'
        Strict-Transport-Security: max-age=31536000
        X-Frame-Options: DENY
        X-Content-Type-Options: nosniff
        """, 90, "A", "-10 CSP allows 'unsafe-eval' | " + NoHttpRequest)]
    [InlineData(Https, """
        Content-Security-Policy: default-src 'self'
        Strict-Transport-Security: max-age=31536000
        X-Frame-Options: ALLOWALL
        X-Content-Type-Options: sniff
        Cross-Origin-Resource-Policy: everyone
        """, 70, "B",
        "-20 X-Frame-Options 'ALLOWALL' is not DENY or SAMEORIGIN | -5 X-Content-Type-Options 'sniff' is not nosniff | -5 Cross-Origin-Resource-Policy 'everyone' is not a policy browsers know | "
        + "+5 CSP without unsafe sources (not counted) | " + NoHttpRequest)]
    [InlineData(Http, "Set-Cookie: sessionid=abc; Path=/\nSet-Cookie: theme=dark; Secure", 10, "F",
        "-40 session cookie sessionid without Secure | -25 no Content-Security-Policy | -20 no X-Frame-Options or CSP frame-ancestors | -5 no X-Content-Type-Options | " + PlainHttp)]
    [InlineData(Http, "Content-Security-Policy-Report-Only: default-src 'self'", 50, "C",
        "-25 CSP is only Report-Only: nothing is enforced | -20 no X-Frame-Options or CSP frame-ancestors | -5 no X-Content-Type-Options | " + PlainHttp)]
    public void HeaderSetsGetObservatoryScores(string url, string headers, int score, string grade, string modifiers)
    {
        var result = HeadersGrade.Of(Answer(url, headers), []);

        Assert.Equal((score, grade), (result.Score, result.Grade));
        Assert.Equal(modifiers, Shown(result));
    }

    [Theory]
    [InlineData("script-src 'nonce-r4nd0m' 'unsafe-inline' 'strict-dynamic'; object-src 'none'; style-src 'self'", 5, "CSP without unsafe sources")]
    [InlineData("script-src 'nonce-r4nd0m' 'strict-dynamic'; object-src 'none'", 0, "CSP is strict for scripts but not for styles")]
    [InlineData("default-src 'self'; script-src 'self' https:", -20, "CSP allows scripts from https:")]
    [InlineData("script-src 'self'", -20, "CSP leaves object-src unrestricted")]
    [InlineData("frame-ancestors 'none'", -20, "CSP leaves scripts unrestricted (no script-src or default-src)")]
    [InlineData("default-src 'self'; img-src http://cdn.example.test", -10, "CSP loads images or media over http")]
    [InlineData("default-src 'self'; connect-src http://api.example.test", -20, "CSP loads connect-src over http")]
    [InlineData("default-src 'none'; script-src 'self'", 5, "CSP without unsafe sources")]
    public void CspSourcesAreJudgedAsBrowsersApplyThem(string policy, int points, string reason)
    {
        var csp = Modifier(HeadersGrade.Of(Answer(Https, $"Content-Security-Policy: {policy}"), []), "content-security-policy");

        Assert.Equal((points, reason), (csp.Points, csp.Reason));
    }

    [Theory]
    [InlineData("Set-Cookie: sid=1; Secure; SameSite=Lax", "", -30, "session cookie sid without HttpOnly: scripts can steal it")]
    [InlineData("Set-Cookie: sid=1; HttpOnly", "Strict-Transport-Security: max-age=31536000", -10, "session cookie sid without Secure (HSTS keeps it off http)")]
    [InlineData("Set-Cookie: XSRF-TOKEN=1; Secure", "", -20, "anti-CSRF cookie XSRF-TOKEN without SameSite")]
    [InlineData("Set-Cookie: theme=dark; Secure; SameSite=Loose", "", -20, "cookie theme has SameSite=Loose, not Strict, Lax or None")]
    [InlineData("Set-Cookie: theme=dark", "", -20, "cookie theme without Secure")]
    [InlineData("Set-Cookie: theme=dark; Secure; SameSite=None", "", 0, "cookies Secure and session cookies HttpOnly, but not all SameSite Strict or Lax")]
    public void TheWorstCookieSetsTheCookieResult(string cookie, string hsts, int points, string reason)
    {
        var cookies = Modifier(HeadersGrade.Of(Answer(Https, $"{cookie}\n{hsts}"), []), "cookies");

        Assert.Equal((points, reason), (cookies.Points, cookies.Reason));
    }

    [Theory]
    [InlineData("no-referrer, unsafe-url", -5, "Referrer-Policy unsafe-url sends full URLs or origins to other sites")]
    [InlineData("unsafe-url, strict-origin-when-cross-origin", 5, "Referrer-Policy strict-origin-when-cross-origin")]
    [InlineData("nobody", -5, "Referrer-Policy 'nobody' is not a policy browsers know")]
    public void TheLastReferrerPolicyBrowsersKnowCounts(string policy, int points, string reason)
    {
        var referrer = Modifier(HeadersGrade.Of(Answer(Https, $"Referrer-Policy: {policy}"), []), "referrer-policy");

        Assert.Equal((points, reason), (referrer.Points, referrer.Reason));
    }

    [Theory]
    [InlineData(301, "https://shop.example.test/", 0, "http redirects to https on the same host")]
    [InlineData(302, "https://www.example.test/", -5, "http redirects to https on another host (www.example.test), so this host never sets HSTS")]
    [InlineData(301, "http://www.example.test/", -10, "http redirects to http://www.example.test/ first, not to https")]
    [InlineData(200, null, -20, "http answers 200 without redirecting to https")]
    public void RedirectionIsReadFromAnHttpRequestTheRunMade(int status, string? location, int points, string reason)
    {
        var plain = Answer(Http, location is null ? "" : $"Location: {location}") with { Status = (HttpStatusCode)status };

        var redirection = Modifier(HeadersGrade.Of(Answer(Https, ""), [plain]), "redirection");

        Assert.Equal((points, reason, true), (redirection.Points, redirection.Reason, redirection.Graded));
    }

    [Fact]
    public void AnOriginEchoedWithCredentialsCostsFiftyAndIsReadFromTheCorsRequest()
    {
        var echoed = Answer(Https, "Access-Control-Allow-Origin: https://evil.example.test\nAccess-Control-Allow-Credentials: true")
            with { RequestHeaders = new Dictionary<string, string> { ["Origin"] = "https://evil.example.test" } };

        var cors = Modifier(HeadersGrade.Of(Answer(Https, ""), [echoed]), "cross-origin-resource-sharing");

        Assert.Equal((-50, "CORS echoes any origin (https://evil.example.test) with credentials: any site reads signed-in users' data"), (cors.Points, cors.Reason));
    }

    [Theory]
    [InlineData(100, "A+")]
    [InlineData(90, "A")]
    [InlineData(89, "A-")]
    [InlineData(80, "B+")]
    [InlineData(79, "B")]
    [InlineData(65, "B-")]
    [InlineData(60, "C+")]
    [InlineData(50, "C")]
    [InlineData(45, "C-")]
    [InlineData(40, "D+")]
    [InlineData(30, "D")]
    [InlineData(25, "D-")]
    [InlineData(24, "F")]
    [InlineData(0, "F")]
    public void BandsAreObservatorys(int score, string grade) => Assert.Equal(grade, HeadersGrade.Band(score));

    [Fact]
    public async Task TheTargetsBehavioursGetTheirGradesWithoutExtraRequests()
    {
        var secure = await Grade(new TargetBehaviour { SecureHeaders = true, HtmlRoot = true });
        var lax = await Grade(new TargetBehaviour { SecureHeaders = true, LaxCsp = true, HtmlRoot = true });
        var none = await Grade(new TargetBehaviour());

        Assert.Equal((115, "A+", "+5 CSP without unsafe sources | +5 Referrer-Policy no-referrer | +5 framing limited by CSP frame-ancestors | " + PlainHttp), secure);
        Assert.Equal((80, "B+", "-20 CSP allows 'unsafe-inline' scripts | +5 Referrer-Policy no-referrer (not counted) | " + PlainHttp), lax);
        Assert.Equal((50, "C", "-25 no Content-Security-Policy | -20 no X-Frame-Options or CSP frame-ancestors | -5 no X-Content-Type-Options | " + PlainHttp), none);
    }

    [Fact]
    public async Task TheCorsProbesRequestShowsAnEchoWithCredentials()
    {
        await using var target = await TargetApp.Start(new TargetBehaviour { Cors = CorsStyle.EchoWithCredentials });

        var report = await ProbeRunner.Run(target.Url, new ProbeOptions(), [new CorsProbe()]);

        Assert.Equal((0, "F"), (report.HeadersGrade!.Score, report.HeadersGrade.Grade));
        Assert.Equal(-50, Modifier(report.HeadersGrade, "cross-origin-resource-sharing").Points);
    }

    private static async Task<(int, string, string)> Grade(TargetBehaviour behaviour)
    {
        await using var target = await TargetApp.Start(behaviour);
        var report = await ProbeRunner.Run(target.Url, new ProbeOptions(), []);
        Assert.Equal(3, report.RequestsSent); // the root and the two soft-404 paths: the grade sends nothing
        return (report.HeadersGrade!.Score, report.HeadersGrade.Grade, Shown(report.HeadersGrade));
    }

    /// <summary>
    /// The target's answer with these headers, one "Name: value" a line, recorded as the client records them: repeated
    /// names joined with ", ", and each Set-Cookie kept whole.
    /// </summary>
    private static ProbeExchange Answer(string url, string headers)
    {
        var parsed = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var cookies = new List<string>();
        foreach (var line in headers.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var (name, value) = (line[..line.IndexOf(':', StringComparison.Ordinal)], line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim());
            parsed[name] = parsed.TryGetValue(name, out var existing) ? $"{existing}, {value}" : value;
            if (name.Equals("Set-Cookie", StringComparison.OrdinalIgnoreCase))
            {
                cookies.Add(value);
            }
        }
        return new ProbeExchange { Method = "GET", Url = new Uri(url), Status = HttpStatusCode.OK, Headers = parsed, SetCookies = cookies };
    }

    private static GradeModifier Modifier(HeadersGrade grade, string test) => Assert.Single(grade.Modifiers, modifier => modifier.Test == test);

    /// <summary>What moved the score or could not be graded, in the grade's order: "-25 no Content-Security-Policy | ...".</summary>
    private static string Shown(HeadersGrade grade) => string.Join(" | ", grade.Modifiers.Where(modifier => modifier.Points != 0 || !modifier.Graded).Select(modifier =>
        !modifier.Graded ? $"n/a {modifier.Reason}"
        : $"{modifier.Points.ToString("+0;-0", CultureInfo.InvariantCulture)} {modifier.Reason}{(modifier.Counted ? "" : " (not counted)")}"));
}
