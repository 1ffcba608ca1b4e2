using System.Text.Json;
using System.Xml.Linq;
using ProdReady.Model;
using ProdReady.Tests.Support;

namespace ProdReady.Tests.Cli;

/// <summary>`scan --format sarif` and `--format junit`, run as a user would in CI.</summary>
public class CiFormatTests
{
    private static readonly string Sample = RepositoryRoot.Samples("node-express-api");

    [Fact]
    public void SarifGoesToTheOutputFile()
    {
        using var temp = new TempRepo();
        var file = Path.Combine(temp.Root, "prodready.sarif");

        var run = Support.Cli.Run(RepositoryRoot.Path, "scan", Sample, "--format", "sarif", "--output", file);

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

        var run = Support.Cli.Run(RepositoryRoot.Path, "scan", Sample, "--format", "junit");

        Assert.Equal(0, run.ExitCode);
        var root = XDocument.Parse(run.Stdout).Root!;
        Assert.Equal("testsuites", root.Name.LocalName);
        Assert.Equal(expected, (int)root.Attribute("failures")!);
    }
}
