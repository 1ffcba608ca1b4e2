using System.Text.Json;
using System.Xml.Linq;
using ProdReady.Model;
using ProdReady.Tests.Support;

namespace ProdReady.Tests.Cli;

/// <summary>`scan --format sarif|junit` and `gate --sarif --junit` (what `prodready init`'s workflow runs), as a user runs them in CI.</summary>
public class CiFormatTests
{
    private static readonly string Sample = RepositoryRoot.Samples("node-express-api");

    [Fact]
    public void SarifGoesToTheOutputFile()
    {
        using var temp = new TempRepo();
        var file = Path.Combine(temp.Root, "prodready.sarif");

        var run = Support.Cli.Run(RepositoryRoot.Path, "scan", Sample, "--no-history", "--format", "sarif", "--output", file);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stdout);
        using var sarif = JsonDocument.Parse(File.ReadAllText(file));
        var result = sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().Single(r => r.GetProperty("ruleId").GetString() == "sec.container-non-root");
        var location = result.GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.Equal("Dockerfile", location.GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal(1, location.GetProperty("region").GetProperty("startLine").GetInt32());
    }

    [Fact]
    public void JunitGoesToStandardOutput()
    {
        var expected = Reporting.Scans.Scan(Sample).Results.Count(r => r.Status is ResultStatus.Fail or ResultStatus.Partial);

        var run = Support.Cli.Run(RepositoryRoot.Path, "scan", Sample, "--no-history", "--format", "junit");

        Assert.Equal(0, run.ExitCode);
        var root = XDocument.Parse(run.Stdout).Root!;
        Assert.Equal("testsuites", root.Name.LocalName);
        Assert.Equal(expected, (int)root.Attribute("failures")!);
    }

    [Fact]
    public void GateWritesSarifAndJunitWithPolicyWaiversApplied()
    {
        using var repo = Reporting.Scans.RootContainer();
        repo.Write("prodready.yml", """
            version: 1
            controls:
              sec.container-non-root:
                waive:
                  reason: the base image needs root until the 2.0 release
                  owner: alice@example.com
                  until: 2027-05-31
            """);

        var run = Support.Cli.Run(repo.Root, "gate", "--today", "2026-11-22", "--no-history", "--sarif", "out.sarif", "--junit", "out.xml");

        Assert.Equal(1, run.ExitCode);   // sec.api-auth (P0) still fails
        using var sarif = JsonDocument.Parse(File.ReadAllText(Path.Combine(repo.Root, "out.sarif")));
        var waived = sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().Single(r => r.GetProperty("ruleId").GetString() == "sec.container-non-root");
        Assert.StartsWith("waived until 2027-05-31 by alice@example.com: the base image needs root until the 2.0 release", waived.GetProperty("suppressions")[0].GetProperty("justification").GetString());
        Assert.Equal("Dockerfile", waived.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString());
        var junit = XDocument.Parse(File.ReadAllText(Path.Combine(repo.Root, "out.xml"))).Root!;
        var testCase = junit.Descendants("testcase").Single(c => ((string)c.Attribute("name")!).StartsWith("sec.container-non-root:", StringComparison.Ordinal));
        Assert.StartsWith("waived until 2027-05-31 by alice@example.com", (string)testCase.Element("skipped")!.Attribute("message")!);
    }
}
