using ProdReady.Probing;
using ProdReady.Probing.Probes;
using ProdReady.TestTarget;
using static ProdReady.Tests.Probing.ProbeTestSupport;

namespace ProdReady.Tests.Probing;

public class CookiesProbeTests
{
    [Fact]
    public async Task AHardenedSessionCookiePassesAndItsValueIsNotShown()
    {
        var report = await Probe(new TargetBehaviour { Cookies = CookieStyle.Hardened }, new CookiesProbe());

        Assert.Equal(["cookies.httponly Pass", "cookies.secure Pass", "cookies.samesite Pass", "cookies.cache-control Pass"], Verdicts(report));
        Assert.Equal("cookie session (set by /login): HttpOnly set", report.Findings[0].Message);
        Assert.Equal("/login: the answer setting the session says no-store", Single(report, "cookies.cache-control").Message);
        Assert.Equal("Set-Cookie: session=***; expires=Tue, 01 Jan 2030 00:00:00 GMT; path=/; secure; samesite=lax; httponly", report.Findings[0].Excerpt);
        Assert.Equal(3 + CookiesProbe.LoginPaths.Count, report.RequestsSent);
    }

    [Fact]
    public async Task MissingFlagsFailOrWarnAndTheThemeAndXsrfCookiesAreNotJudged()
    {
        var report = await Probe(new TargetBehaviour { Cookies = CookieStyle.Loose }, new CookiesProbe());

        Assert.Equal(["cookies.httponly Fail", "cookies.secure Warn", "cookies.samesite Warn", "cookies.cache-control Warn"], Verdicts(report));
        Assert.Equal(
            [
                "cookie session (set by /login) lacks HttpOnly: any script on the page, an injected one included, can read it",
                "cookies session (set by /login), remember_me (set by /login) lack Secure: it will be sent in clear if ever served over http",
                "cookie session (set by /login) lacks SameSite: browsers default to Lax, but say so: older ones send it with cross-site requests (CSRF)",
                "/login sets a session without Cache-Control: no-store or private: a shared cache may hand it to the next user",
            ],
            report.Findings.Select(finding => finding.Message));
        Assert.Equal("Set-Cookie: session=***; expires=Tue, 01 Jan 2030 00:00:00 GMT; path=/", report.Findings[0].Excerpt);
    }

    [Fact]
    public async Task NoSessionCookieIsInconclusive()
    {
        var report = await Probe(new TargetBehaviour(), new CookiesProbe());

        Assert.Equal(["cookies Inconclusive"], Verdicts(report));
        Assert.Equal("no session-like cookie set on /, /login, /account/login, /signin", report.Findings[0].Message);
    }

    [Fact]
    public async Task EachSetCookieHeaderIsKeptWholeDespiteTheCommaInExpires()
    {
        await using var target = await TargetApp.Start(new TargetBehaviour { Cookies = CookieStyle.Loose });
        using var client = new ProbeClient(target.Url, new ProbeOptions());

        var exchange = await client.Send(ProbeRequest.Get("/login"));

        Assert.Equal(["session=s3ss10n; expires=Tue, 01 Jan 2030 00:00:00 GMT; path=/", "remember_me=1; path=/; samesite=strict; httponly"], exchange.SetCookies);
    }

    [Fact]
    public void OnHttpsAMissingSecureFlagFails()
    {
        var exchange = new ProbeExchange
        {
            Method = "GET",
            Url = new Uri("https://shop.example.test/signin"),
            Status = System.Net.HttpStatusCode.OK,
            SetCookies = ["JSESSIONID=0A1B2C; Path=/; HttpOnly; SameSite=Strict"],
        };

        var findings = CookiesProbe.Judge([exchange]);

        Assert.Equal(["cookies.httponly Pass", "cookies.secure Fail", "cookies.samesite Pass", "cookies.cache-control Warn"], findings.Select(finding => $"{finding.ProbeId} {finding.Verdict}"));
        Assert.Equal("cookie JSESSIONID (set by /signin) lacks Secure: browsers also send it over plain http, in clear", findings[1].Message);
    }
}
