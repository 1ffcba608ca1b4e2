using System.Text.Json;
using ProdReady.TestTarget;
using ProdReady.Tests.Support;

namespace ProdReady.Tests.Probing;

/// <summary>`scan PATH --probe URL`: one assessment from the code and the running service.</summary>
public class ScanWithProbeTests
{
    [Fact]
    public async Task LiveEvidenceLandsOnTheSameControlsAsTheScan()
    {
        await using var target = await TargetApp.Start(new TargetBehaviour { VersionBanners = true, Health = HealthStyle.Split });

        var run = Support.Cli.Run(AppContext.BaseDirectory, "scan", "--no-history", RepositoryRoot.Samples("node-express-api"), "--probe", target.Url.ToString(), "--format", "json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal(target.Url.ToString(), json.RootElement.GetProperty("live").GetProperty("url").GetString());
        var banner = Result(json, "sec.no-version-banner");
        Assert.Equal("fail", banner.GetProperty("status").GetString());
        Assert.Equal("live: version banners: Server: nginx/1.18.0; X-Powered-By: Express", banner.GetProperty("reason").GetString());
        var live = banner.GetProperty("evidence")[0];
        Assert.Equal(("live", target.Url.ToString(), false), (live.GetProperty("source").GetString(), live.GetProperty("url").GetString(), live.GetProperty("supports").GetBoolean()));
        // The readiness endpoint answered: live evidence supports the control next to the static evidence.
        var readiness = Result(json, "rel.readiness-endpoint");
        Assert.Contains(readiness.GetProperty("evidence").EnumerateArray(), e => e.GetProperty("source").GetString() == "live" && e.GetProperty("supports").GetBoolean()
            && e.GetProperty("url").GetString() == new Uri(target.Url, "/readyz").ToString());
        Assert.Contains(readiness.GetProperty("evidence").EnumerateArray(), e => e.GetProperty("source").GetString() == "static");
    }

    [Fact]
    public async Task TheTableSaysWhereTheLiveEvidenceCameFrom()
    {
        await using var target = await TargetApp.Start(new TargetBehaviour());

        var run = Support.Cli.Run(AppContext.BaseDirectory, "scan", "--no-history", RepositoryRoot.Samples("node-express-api"), "--probe", target.Url.ToString());

        Assert.Equal(0, run.ExitCode);
        Assert.Matches($@"live evidence from {System.Text.RegularExpressions.Regex.Escape(target.Url.ToString())} \(\d+ requests\) · headers grade C \(50/100, Observatory-style\)", run.Stdout);
    }

    [Fact]
    public void AnUnreachableServiceStopsTheScanWithOneLine()
    {
        var run = Support.Cli.Run(AppContext.BaseDirectory, "scan", "--no-history", RepositoryRoot.Samples("node-express-api"), "--probe", "http://127.0.0.1:1/");

        Assert.Equal((2, "error: http://127.0.0.1:1/: connection refused"), (run.ExitCode, run.Stderr.Trim()));
    }

    private static JsonElement Result(JsonDocument json, string control) =>
        json.RootElement.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("id").GetString() == control);
}
