using ProdReady.Probing.Probes;
using System.Text.Json;
using ProdReady.TestTarget;

namespace ProdReady.Tests.Probing;

public class ProbeCliGradeAndBurstTests
{
    [Fact]
    public async Task TheTableShowsTheHeadersGradeWithEachReasonOnItsOwnLine()
    {
        await using var target = await TargetApp.Start(new TargetBehaviour { SecureHeaders = true, LaxCsp = true, HtmlRoot = true });

        var run = Support.Cli.Run(AppContext.BaseDirectory, "probe", target.Url.ToString());

        Assert.Equal(0, run.ExitCode);
        var lines = run.Stdout.Split('\n').Select(line => line.TrimEnd()).ToList();
        var first = lines.FindIndex(line => line.StartsWith("Headers grade", StringComparison.Ordinal));
        Assert.Equal(
        [
            "Headers grade B+ (80/100, Observatory-style)",
            "              -20  CSP allows 'unsafe-inline' scripts",
            "               +5  Referrer-Policy no-referrer (not counted: bonuses need 90)",
            "              n/a  redirection to https not graded: plain http target (Observatory takes -20 from a site without https)",
            "              n/a  HSTS not graded: plain http target (Observatory takes -20 from a site without https)",
        ], lines.Skip(first).Take(5));
        Assert.Matches(@"\ninconclusive rate-limit +not run: sending a burst of requests needs --allow-burst\n", run.Stdout);
    }

    [Fact]
    public async Task JsonCarriesTheGradeAndTheBurstRunsWithAllowBurst()
    {
        // No limiter: a limiter of 10 a minute would already stop the ordinary requests, and the burst would not be needed.
        await using var target = await TargetApp.Start(new TargetBehaviour());

        var run = Support.Cli.Run(AppContext.BaseDirectory, "probe", target.Url.ToString(), "--allow-burst", "--format", "json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        var grade = json.RootElement.GetProperty("headersGrade");
        Assert.Equal((50, "C"), (grade.GetProperty("score").GetInt32(), grade.GetProperty("grade").GetString()));
        var worst = grade.GetProperty("modifiers")[0];
        Assert.Equal("content-security-policy -25 True True no Content-Security-Policy",
            $"{worst.GetProperty("test").GetString()} {worst.GetProperty("points").GetInt32()} {worst.GetProperty("counted").GetBoolean()} {worst.GetProperty("graded").GetBoolean()} {worst.GetProperty("reason").GetString()}");
        Assert.Equal(9, grade.GetProperty("modifiers").GetArrayLength());
        var limit = json.RootElement.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("probe").GetString() == "rate-limit");
        Assert.Equal(("inconclusive", $"no limit seen in {RateLimitProbe.MaxRequests} requests; a limit may still exist above that"),
            (limit.GetProperty("verdict").GetString(), limit.GetProperty("message").GetString()));
    }
}
