using ProdReady.TestTarget;

namespace ProdReady.Tests.Probing;

public class ProbeCliTests
{
    [Fact]
    public async Task JsonListsEachVerdictWithTheRequestThatShowedIt()
    {
        await using var target = await TargetApp.Start(new TargetBehaviour { VersionBanners = true });

        var run = Support.Cli.Run(AppContext.BaseDirectory, "probe", target.Url.ToString(), "--format", "json");

        Assert.Equal(0, run.ExitCode);
        using var json = System.Text.Json.JsonDocument.Parse(run.Stdout);
        var banner = json.RootElement.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("probe").GetString() == "headers.banner");
        Assert.Equal("fail", banner.GetProperty("verdict").GetString());
        Assert.Equal(["sec.no-version-banner"], banner.GetProperty("controls").EnumerateArray().Select(c => c.GetString()));
        var request = banner.GetProperty("requests")[0];
        Assert.Equal($"GET {target.Url} 200", $"{request.GetProperty("method").GetString()} {request.GetProperty("url").GetString()} {request.GetProperty("status").GetInt32()}");
        Assert.InRange(json.RootElement.GetProperty("requestsSent").GetInt32(), 10, 120);
    }

    [Fact]
    public async Task TheTableNamesTheControlToReadForEachFailure()
    {
        await using var target = await TargetApp.Start(new TargetBehaviour { VersionBanners = true });

        var run = Support.Cli.Run(AppContext.BaseDirectory, "probe", target.Url.ToString());

        Assert.Equal(0, run.ExitCode);
        // The id column fits the longest id, and the evidence lines start under the message.
        var banner = System.Text.RegularExpressions.Regex.Match(run.Stdout, @"\nfail         headers\.banner( +)version banners: Server: nginx/1\.18\.0; X-Powered-By: Express\n( +)GET / → 200");
        Assert.True(banner.Success, run.Stdout);
        Assert.Equal(13 + "headers.banner".Length + banner.Groups[1].Length, banner.Groups[2].Length);
        Assert.Contains("fix: prodready rules show sec.no-version-banner", run.Stdout);
        Assert.DoesNotContain("fix: prodready rules show sec.cors-explicit-origins", run.Stdout); // CORS passes here
    }

    [Fact]
    public void AnUnreachableTargetOrABadUrlIsOneLineAndExitTwo()
    {
        var refused = Support.Cli.Run(AppContext.BaseDirectory, "probe", "http://127.0.0.1:1/");
        var badUrl = Support.Cli.Run(AppContext.BaseDirectory, "probe", "ftp://example.test/");

        Assert.Equal((2, "error: http://127.0.0.1:1/: connection refused"), (refused.ExitCode, refused.Stderr.Trim()));
        Assert.Equal((2, "error: ftp://example.test/: not an http:// or https:// URL"), (badUrl.ExitCode, badUrl.Stderr.Trim()));
    }
}
