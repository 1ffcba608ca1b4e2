using System.Text.Json;
using ProdReady.Model;
using ProdReady.Reporting;
using ProdReady.Scanning;
using ProdReady.Tests.Support;

namespace ProdReady.Tests.Reporting;

/// <summary>The scan's SARIF, read back as JSON: rules, which results, where, how severe, and what code scanning needs.</summary>
public class ScanSarifTests
{
    [Fact]
    public void RootUserIsReportedAtTheUserLineOfTheDockerfile()
    {
        using var repo = Scans.RootContainer();
        using var sarif = Render(Scans.Scan(repo.Root));

        var result = Result(sarif, "sec.container-non-root");

        Assert.Equal("error", result.GetProperty("level").GetString());
        Assert.Equal(("Dockerfile", 4), Location(result));
        Assert.StartsWith("Containers run as a non-root user: final stage runs as root (USER root) (Dockerfile:4). To fix: ", Message(result));
    }

    [Fact]
    public void MissingDependencyIsReportedAtTheManifest()
    {
        using var repo = Scans.RootContainer();
        using var sarif = Render(Scans.Scan(repo.Root));

        var result = Result(sarif, "sec.security-headers");

        Assert.Equal(("package.json", 1), Location(result));
        Assert.StartsWith("HTTP responses carry security headers: not found: node dependency helmet", Message(result));
    }

    [Fact]
    public void EveryControlIsARuleAndOnlyControlsNotMetOrWaivedAreResults()
    {
        var assessment = Scans.Waive(Scans.Sample("python-fastapi"), "sec.image-scanning", new DateOnly(2027, 5, 31), "team-platform", "the platform team scans every image on push");
        using var sarif = Render(assessment);
        var run = Run(sarif);

        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().Select(rule => rule.GetProperty("id").GetString()).ToList();
        Assert.Equal(Scans.BuiltIn.Controls.Count, rules.Count);
        Assert.Equal(assessment.Results.Select(r => r.Control.Id), rules);

        var reported = run.GetProperty("results").EnumerateArray().Select(result => result.GetProperty("ruleId").GetString()!).ToList();
        var expected = assessment.Results.Where(r => r.Status is ResultStatus.Fail or ResultStatus.Partial or ResultStatus.Waived).Select(r => r.Control.Id);
        Assert.Equal(expected, reported);
        Assert.Contains("rel.container-healthcheck", reported);   // partial
        Assert.Contains("sec.image-scanning", reported);          // waived
        Assert.DoesNotContain("sec.api-auth", reported);          // pass
        Assert.DoesNotContain("sec.management-endpoints-private", reported);   // unknown: only a probe or a person can say
        Assert.DoesNotContain("sec.webhook-signature", reported); // not applicable: no webhooks
        foreach (var result in run.GetProperty("results").EnumerateArray())
        {
            Assert.Equal(result.GetProperty("ruleId").GetString(), rules[result.GetProperty("ruleIndex").GetInt32()]);
        }
    }

    [Fact]
    public void PartialResultSaysPartlyMet()
    {
        using var sarif = Render(Scans.Sample("python-fastapi"));

        var result = Result(sarif, "rel.container-healthcheck");

        Assert.StartsWith("Containers declare a health check: partly met; healthcheck is not present (docker-compose.yml:2). To fix: ", Message(result));
    }

    [Theory]
    [InlineData("sec.api-auth", "error")]              // P0
    [InlineData("sec.container-non-root", "error")]    // P1
    [InlineData("sec.base-image-pinned", "warning")]   // P2
    [InlineData("del.multi-stage-build", "note")]      // P3
    public void LevelFollowsPriority(string controlId, string level)
    {
        using var sarif = Render(Scans.Sample("node-express-api"));

        Assert.Equal(level, Result(sarif, controlId).GetProperty("level").GetString());
        Assert.Equal(level, Rule(sarif, controlId).GetProperty("defaultConfiguration").GetProperty("level").GetString());
    }

    [Theory]
    [InlineData("sec.api-auth", "9.0")]
    [InlineData("sec.container-non-root", "7.5")]
    [InlineData("sec.base-image-pinned", "5.0")]
    [InlineData("sec.image-signing", "2.0")]
    [InlineData("rel.liveness-endpoint", null)]
    public void SecurityControlsCarryGitHubsSecuritySeverity(string controlId, string? severity)
    {
        using var sarif = Render(Scans.Sample("node-express-api"));

        var properties = Rule(sarif, controlId).GetProperty("properties");

        Assert.Equal(severity, properties.TryGetProperty("security-severity", out var value) ? value.GetString() : null);
        var category = properties.GetProperty("category").GetString();
        Assert.Equal(["production-readiness", category], properties.GetProperty("tags").EnumerateArray().Select(tag => tag.GetString()));
    }

    [Fact]
    public void RuleDescribesTheControl()
    {
        using var sarif = Render(Scans.Sample("node-express-api"));
        var control = Scans.BuiltIn.Find("sec.container-non-root")!;

        var rule = Rule(sarif, control.Id);

        Assert.Equal("ContainerNonRoot", rule.GetProperty("name").GetString());
        Assert.Equal("Containers run as a non-root user.", rule.GetProperty("shortDescription").GetProperty("text").GetString());
        Assert.StartsWith(control.Rationale.Trim()[..40], rule.GetProperty("fullDescription").GetProperty("text").GetString());
        Assert.StartsWith(control.Remediation.Trim(), rule.GetProperty("help").GetProperty("text").GetString());
        Assert.Contains($"- <{control.References[0]}>", rule.GetProperty("help").GetProperty("markdown").GetString());
        Assert.Equal(control.References[0], rule.GetProperty("helpUri").GetString());
    }

    [Fact]
    public void WaivedResultIsSuppressedWhereTheFailureWas()
    {
        using var repo = Scans.RootContainer();
        var assessment = Scans.Waive(Scans.Scan(repo.Root), "sec.container-non-root", new DateOnly(2027, 5, 31), "team-platform", "the base image needs root until the 2.0 release");
        using var failing = Render(Scans.Scan(repo.Root));
        using var waived = Render(assessment);

        var result = Result(waived, "sec.container-non-root");

        var suppression = Assert.Single(result.GetProperty("suppressions").EnumerateArray());
        Assert.Equal("external", suppression.GetProperty("kind").GetString());
        Assert.Equal("accepted", suppression.GetProperty("status").GetString());
        Assert.Equal(
            "waived until 2027-05-31 by team-platform: the base image needs root until the 2.0 release (scan: final stage runs as root (USER root) (Dockerfile:4))",
            suppression.GetProperty("justification").GetString());
        // Same place and fingerprint as the failure it accepts, so code scanning closes that alert.
        Assert.Equal(("Dockerfile", 4), Location(result));
        Assert.Equal(Fingerprint(Result(failing, "sec.container-non-root")), Fingerprint(result));
        Assert.False(Result(failing, "sec.container-non-root").TryGetProperty("suppressions", out _));
    }

    [Fact]
    public void FingerprintFollowsControlAndFileNotLine()
    {
        using var early = Scans.RootContainer(userLine: 4);
        using var late = Scans.RootContainer(userLine: 9);
        using var before = Render(Scans.Scan(early.Root));
        using var after = Render(Scans.Scan(late.Root));

        Assert.Equal(("Dockerfile", 9), Location(Result(after, "sec.container-non-root")));
        Assert.Equal(Fingerprint(Result(before, "sec.container-non-root")), Fingerprint(Result(after, "sec.container-non-root")));
        Assert.NotEqual(Fingerprint(Result(before, "sec.container-non-root")), Fingerprint(Result(before, "rel.container-healthcheck")));
    }

    [Fact]
    public void LiveEvidenceIsNamedInTheMessageWhileTheLocationStaysARepositoryFile()
    {
        using var repo = Scans.RootContainer();
        var scanned = Scans.Scan(repo.Root);
        var live = new Evidence { Source = EvidenceSource.Live, Detector = "probe:headers.hsts", Supports = false, Url = "https://orders.example.test/", Message = "no Strict-Transport-Security header" };
        var results = scanned.Results.Select(r => r.Control.Id == "sec.hsts" ? r with { Evidence = [live, .. r.Evidence], Reason = "live: no Strict-Transport-Security header" } : r).ToArray();
        using var sarif = Render(scanned with { Results = results });

        var result = Result(sarif, "sec.hsts");

        Assert.StartsWith("HTTPS responses send Strict-Transport-Security: live: no Strict-Transport-Security header (seen live at https://orders.example.test/). To fix: ", Message(result));
        Assert.Equal(("package.json", 1), Location(result));
    }

    [Fact]
    public void RunNamesTheToolKeepsItsAlertsApartAndUsesRelativeLocations()
    {
        using var repo = Scans.RootContainer();
        repo.Write("tools/package.json", "{ \"dependencies\": { \"express\" ");
        using var sarif = Render(Scans.Scan(repo.Root));
        var run = Run(sarif);

        Assert.Equal("2.1.0", sarif.RootElement.GetProperty("version").GetString());
        var driver = run.GetProperty("tool").GetProperty("driver");
        Assert.Equal("ProdReady", driver.GetProperty("name").GetString());
        Assert.Equal(Scanner.ToolVersion, driver.GetProperty("semanticVersion").GetString());
        Assert.Equal("https://github.com/prodready/prodready", driver.GetProperty("informationUri").GetString());
        Assert.Equal("prodready/scan/", run.GetProperty("automationDetails").GetProperty("id").GetString());
        Assert.True(run.GetProperty("originalUriBaseIds").TryGetProperty("SRCROOT", out _));
        var invocation = run.GetProperty("invocations")[0];
        Assert.True(invocation.GetProperty("executionSuccessful").GetBoolean());
        var notification = Assert.Single(invocation.GetProperty("toolExecutionNotifications").EnumerateArray());
        Assert.Equal("tools/package.json", notification.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString());
        foreach (var result in run.GetProperty("results").EnumerateArray())
        {
            var location = Assert.Single(result.GetProperty("locations").EnumerateArray()).GetProperty("physicalLocation");
            var artifact = location.GetProperty("artifactLocation");
            Assert.Equal("SRCROOT", artifact.GetProperty("uriBaseId").GetString());
            Assert.True(File.Exists(Path.Combine(repo.Root, artifact.GetProperty("uri").GetString()!)), artifact.GetProperty("uri").GetString());
            Assert.True(location.GetProperty("region").GetProperty("startLine").GetInt32() >= 1);
        }
    }

    private static JsonDocument Render(Assessment assessment) => JsonDocument.Parse(ScanSarif.Render(assessment));

    private static JsonElement Run(JsonDocument sarif) => Assert.Single(sarif.RootElement.GetProperty("runs").EnumerateArray());

    private static JsonElement Result(JsonDocument sarif, string controlId) =>
        Run(sarif).GetProperty("results").EnumerateArray().Single(result => result.GetProperty("ruleId").GetString() == controlId);

    private static JsonElement Rule(JsonDocument sarif, string controlId) =>
        Run(sarif).GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().Single(rule => rule.GetProperty("id").GetString() == controlId);

    private static string Message(JsonElement result) => result.GetProperty("message").GetProperty("text").GetString()!;

    private static string Fingerprint(JsonElement result) => result.GetProperty("partialFingerprints").GetProperty("prodready/v1").GetString()!;

    private static (string File, int Line) Location(JsonElement result)
    {
        var location = result.GetProperty("locations")[0].GetProperty("physicalLocation");
        return (location.GetProperty("artifactLocation").GetProperty("uri").GetString()!, location.GetProperty("region").GetProperty("startLine").GetInt32());
    }
}
