using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ProdReady.Reporting;
using ProdReady.Tests.Integration;
using ProdReady.Tests.Support;

namespace ProdReady.Tests.Reporting;

/// <summary>
/// The scan's SARIF passes Microsoft's SARIF Multitool (`sarif-multitool validate`) with its SARIF rules and its
/// GitHub Advanced Security ingestion rules: no error and no warning. None is accepted: on these logs version 5.7.0
/// (the one .ci/run pins) reports nothing, not even a note. .ci/run installs the tool into .ci/tools.
/// </summary>
public class SarifMultitoolTests
{
    private const string ToolVariable = "PRODREADY_SARIF_MULTITOOL";

    // Every rule runs but SARIF2006 (a note: help and project URIs answer an HTTP GET). It fetches each URI over the
    // network: offline it waits for timeouts (25 s a log), online it checks third-party pages, not the log.
    private const string Configuration = """
        <?xml version="1.0" encoding="utf-8"?>
        <Properties>
          <Properties Key="SARIF2006.UrisShouldBeReachable.Options">
            <Property Key="RuleEnabled" Value="Disabled" Type="Driver.RuleEnabledState" />
          </Properties>
        </Properties>
        """;

    public static TheoryData<string> Samples() => ["node-express-api", "python-fastapi", "aspnet-api", "go-hardened"];

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task SampleSarifHasNoErrorOrWarning(string sample)
    {
        var findings = await Validate(ScanSarif.Render(Scans.Sample(sample)));

        Assert.DoesNotContain(findings, finding => finding.Level is "error" or "warning");
    }

    [Fact]
    public async Task WaivedResultsAndInputProblemsHaveNoErrorOrWarning()
    {
        using var repo = Scans.RootContainer();
        repo.Write("tools/package.json", "{ \"dependencies\": { \"express\" ");
        var assessment = Scans.Waive(Scans.Scan(repo.Root), "sec.container-non-root", new DateOnly(2027, 5, 31), "team-platform", "the base image needs root until the 2.0 release");
        Assert.NotEmpty(assessment.Diagnostics);

        var findings = await Validate(ScanSarif.Render(assessment));

        Assert.DoesNotContain(findings, finding => finding.Level is "error" or "warning");
    }

    /// <summary>
    /// The tool reports nothing at all for a log it cannot read (an unknown enum value, say), so a clean report only
    /// counts if the same log with one defect gets that defect reported.
    /// </summary>
    [Fact]
    public async Task MultitoolReadsTheLogAndReportsADefect()
    {
        var sarif = JsonNode.Parse(ScanSarif.Render(Scans.Sample("go-hardened")))!;
        sarif["runs"]![0]!["results"]![0]!.AsObject().Remove("locations");

        var findings = await Validate(sarif.ToJsonString());

        Assert.Contains(findings, finding => finding is { RuleId: "GH1015", Level: "error" } && finding.Message.StartsWith("runs[0].results[0]: This 'result' object does not provide a 'locations' array.", StringComparison.Ordinal));
    }

    private sealed record Finding(string RuleId, string Level, string Message)
    {
        public override string ToString() => $"{Level} {RuleId}: {Message}";
    }

    private static async Task<IReadOnlyList<Finding>> Validate(string sarif)
    {
        var tool = Tool();
        using var folder = new TempRepo();
        var input = folder.Write("scan.sarif", sarif);
        var configuration = folder.Write("validation.config.xml", Configuration);
        var output = Path.Combine(folder.Root, "validation.sarif");
        await ExternalCommand.Run(folder.Root, TimeSpan.FromMinutes(2), tool,
            "validate", input, "--config", configuration, "--output", output, "--log", "ForceOverwrite", "--rule-kind", "Sarif", "Ghas");
        using var log = JsonDocument.Parse(File.ReadAllText(output));
        var run = log.RootElement.GetProperty("runs")[0];
        var rules = run.GetProperty("tool").GetProperty("driver").TryGetProperty("rules", out var list) ? [.. list.EnumerateArray()] : Array.Empty<JsonElement>();
        return [.. run.GetProperty("results").EnumerateArray().Select(result => Read(result, rules))];
    }

    /// <summary>A validation result with its level and text resolved: the log names a message template and its arguments.</summary>
    private static Finding Read(JsonElement result, JsonElement[] rules)
    {
        var rule = result.TryGetProperty("ruleIndex", out var index) ? rules[index.GetInt32()] : default;
        var level = result.TryGetProperty("level", out var own) ? own.GetString()!
            : rule.ValueKind == JsonValueKind.Object && rule.TryGetProperty("defaultConfiguration", out var configuration) && configuration.TryGetProperty("level", out var ruleLevel) ? ruleLevel.GetString()!
            : "warning";
        var message = result.GetProperty("message");
        var text = message.TryGetProperty("text", out var plain) ? plain.GetString()!
            : rule.GetProperty("messageStrings").GetProperty(message.GetProperty("id").GetString()!).GetProperty("text").GetString()!;
        var arguments = message.TryGetProperty("arguments", out var values) ? values.EnumerateArray().Select(value => (object?)value.GetString()).ToArray() : [];
        return new Finding(result.GetProperty("ruleId").GetString()!, level, string.Format(CultureInfo.InvariantCulture, text, arguments));
    }

    private static string Tool()
    {
        var tool = Environment.GetEnvironmentVariable(ToolVariable) is { Length: > 0 } configured
            ? configured
            : Path.Combine(RepositoryRoot.Path, ".ci", "tools", "node_modules", ".bin", "sarif-multitool");
        Assert.True(File.Exists(tool),
            $"Microsoft's SARIF Multitool is not at {tool}. Install it as .ci/run does, from the repository root: "
            + "`npm install --prefix .ci/tools --no-audit --no-fund @microsoft/sarif-multitool` (or set " + ToolVariable + " to its path).");
        return tool;
    }
}
