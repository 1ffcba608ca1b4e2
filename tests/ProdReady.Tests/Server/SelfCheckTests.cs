using System.Text.Json.Nodes;
using ProdReady.Server;
using ProdReady.Server.Operations;
using ProdReady.Tests.Support;

namespace ProdReady.Tests.Server;

/// <summary>
/// The server passes its own checks: `prodready scan` of this repository and `prodready probe` of the running server
/// find no P0 or P1 failure. A failure names the control or finding and why, so the fix starts from the message.
/// </summary>
public sealed class SelfCheckTests
{
    [Fact]
    public void ScanningThisRepositoryFindsNoP0OrP1Failure()
    {
        var run = Support.Cli.Run(RepositoryRoot.Path, "scan", ".", "--format", "json", "--no-history");

        Assert.Equal(0, run.ExitCode);
        var assessment = JsonNode.Parse(run.Stdout)!;
        Assert.Equal("prodready", (string)assessment["service"]!["name"]!);
        var failing = assessment["results"]!.AsArray()
            .Where(result => (string)result!["priority"]! is "P0" or "P1" && (string)result["status"]! == "fail")
            .Select(result => $"{result!["id"]} ({result["priority"]}): {result["reason"]}");
        Assert.Empty(failing);
    }

    [Fact]
    public async Task ProbingTheRunningServerFindsNoFailureAndSeesItsLimit()
    {
        // A limit the probe's burst of 50 reaches (its ordinary requests, health aside, are about 40).
        await using var server = await SqliteServer.StartAsync(new ServerSettings { RateLimit = new RateLimit(60, TimeSpan.FromMinutes(1)) });
        using var temp = new TempRepo();

        var run = Support.Cli.Run(temp.Root, "probe", server.Address.ToString(), "--format", "json", "--allow-burst", "--openapi", "/api/v1/openapi.json");

        var report = JsonNode.Parse(run.Stdout)!;
        var findings = report["findings"]!.AsArray().Select(finding => (Id: (string)finding!["probe"]!, Verdict: (string)finding["verdict"]!, Message: (string)finding["message"]!)).ToList();
        Assert.Empty(findings.Where(finding => finding.Verdict == "fail").Select(finding => $"{finding.Id}: {finding.Message}"));
        foreach (var passing in new[] { "health.liveness", "health.readiness", "headers.nosniff", "headers.frame", "headers.referrer", "headers.banner",
            "errors.structured", "exposure.metrics", "limits.expect-continue", "limits.query", "limits.header", "rate-limit" })
        {
            Assert.Contains(findings, finding => finding.Id == passing && finding.Verdict == "pass");
        }
        Assert.All(findings.Where(finding => finding.Id == "auth.secured"), finding => Assert.Equal("pass", finding.Verdict));
        Assert.Equal(0, run.ExitCode);
    }
}
