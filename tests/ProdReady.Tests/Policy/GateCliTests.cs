using ProdReady.Policy;
using ProdReady.Tests.Support;

namespace ProdReady.Tests.Policy;

/// <summary>`prodready gate` and `prodready init` as a user runs them: real process, real files, exit codes 0/1/2.</summary>
public class GateCliTests
{
    [Fact]
    public void TheGateFailsWithEachReasonAndTheRuleBehindIt()
    {
        using var repo = PolicyRepo.Create("service: { name: orders, owner: shop, tier: critical }\n");

        var run = Support.Cli.Run(repo.Root, "gate", "--today", "2026-11-22");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("ProdReady 0.1.0 gate · . · orders (critical tier, owner shop)", run.Stdout);
        Assert.Contains("policy: P0 and P1 must pass (tier critical) · level ready or better (tier critical)", run.Stdout);
        Assert.Contains("✗ sec.api-auth (P0) fails: API endpoints require authentication", run.Stdout);
        Assert.Contains("✗ sec.rate-limiting (P1) fails: Requests are rate limited", run.Stdout);
        Assert.Contains("✗ ops.restore-drill (P1) is not assessed: Restoring from backup has been rehearsed recently", run.Stdout);
        Assert.Contains("rule: P0 and P1 must pass (tier critical)", run.Stdout);
        Assert.Equal("", run.Stderr);
    }

    [Fact]
    public void WhenOnlyAScoreFallsShortTheGateSaysWhereToStart()
    {
        using var repo = PolicyRepo.Create("service: { tier: experimental }\npolicy: { must-pass: [], min-score: 99 }\n");

        var run = Support.Cli.Run(repo.Root, "gate", "--no-history");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("✗ overall score ", run.Stdout);
        Assert.Contains("`prodready scan` lists what to fix, most important first", run.Stdout);
    }

    [Fact]
    public void ABrokenPolicyFileIsExitTwoWithEveryLine()
    {
        using var repo = PolicyRepo.Create("service:\n  tier: gold\ncontrols:\n  sec.hsts:\n    waive: { reason: r, owner: o, until: tomorrow }\n");

        var run = Support.Cli.Run(repo.Root, "gate");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("prodready.yml:2: unknown tier 'gold'", run.Stderr);
        Assert.Contains("prodready.yml:5: 'until' in the waiver of sec.hsts must be a date written YYYY-MM-DD, not 'tomorrow'", run.Stderr);
        Assert.Contains("error: 2 problems in prodready.yml; nothing was scanned", run.Stderr);
        Assert.Equal("", run.Stdout);
        Assert.Equal(2, Support.Cli.Run(repo.Root, "scan").ExitCode);   // scan reads the same file
    }

    [Fact]
    public void UsageErrorsAreExitTwo()
    {
        using var repo = PolicyRepo.Create("service: { name: orders }\n");

        Assert.Equal(2, Support.Cli.Run(repo.Root, "gate", "no-such-folder").ExitCode);
        Assert.Equal(2, Support.Cli.Run(repo.Root, "gate", "--today", "22/11/2026").ExitCode);
        var missing = Support.Cli.Run(repo.Root, "gate", "--baseline", "nothing.json");
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("nothing.json: no baseline there; write one with `prodready gate --update-baseline --baseline nothing.json`", missing.Stderr);
        File.WriteAllText(Path.Combine(repo.Root, "a-file"), "");
        var unwritable = Support.Cli.Run(repo.Root, "gate", "--update-baseline", "--baseline", "a-file/baseline.json");
        Assert.Equal(2, unwritable.ExitCode);
        Assert.Contains($"error: {Path.Combine(repo.Root, "a-file", "baseline.json")}: cannot write: ", unwritable.Stderr);
        Assert.DoesNotContain("   at ", unwritable.Stderr);   // a message, never a stack trace
        File.WriteAllText(Path.Combine(repo.Root, "broken.json"), "{ \"kind\": ");
        var broken = Support.Cli.Run(repo.Root, "gate", "--baseline", "broken.json");
        Assert.Equal(2, broken.ExitCode);
        Assert.Contains("broken.json", broken.Stderr);
    }

    [Fact]
    public void TheBaselineLetsAFailingRepositoryAdoptTheGateAndCatchesRegressions()
    {
        using var repo = PolicyRepo.Create("service: { name: orders }\n", ("package-lock.json", """{ "lockfileVersion": 3 }"""));

        var update = Support.Cli.Run(repo.Root, "gate", "--update-baseline");
        Assert.Equal(0, update.ExitCode);
        Assert.Contains($"baseline written to {Path.Combine(".", Baseline.DefaultPath)}", update.Stdout);
        var baselineFile = Path.Combine(repo.Root, Baseline.DefaultPath);
        Assert.Contains("\"del.lockfile\": \"pass\"", File.ReadAllText(baselineFile));

        var same = Support.Cli.Run(repo.Root, "gate", "--baseline", Baseline.DefaultPath);
        Assert.Equal(0, same.ExitCode);
        Assert.Contains("GATE PASSED (the baseline accepts", same.Stdout);

        File.Delete(Path.Combine(repo.Root, "package-lock.json"));   // del.lockfile: pass → fail
        File.WriteAllText(Path.Combine(repo.Root, PolicyFile.FileName), "service: { name: orders }\npolicy: { must-pass: [P0, P1] }\n");
        var worse = Support.Cli.Run(repo.Root, "gate", "--baseline", Baseline.DefaultPath);
        Assert.Equal(1, worse.ExitCode);
        Assert.Contains("✗ del.lockfile (P1) fails", worse.Stdout);
        Assert.DoesNotContain("✗ sec.api-auth", worse.Stdout);   // failing before, accepted by the baseline
        Assert.Contains("The baseline accepts", worse.Stdout);
    }

    [Fact]
    public void TheMarkdownSummaryLeadsWithTheVerdictAndStaysShort()
    {
        using var repo = PolicyRepo.Create("service: { name: orders, tier: critical }\n");

        var run = Support.Cli.Run(repo.Root, "gate", "--markdown", "summary.md", "--json", "assessment.json");

        Assert.Equal(1, run.ExitCode);
        var summary = File.ReadAllText(Path.Combine(repo.Root, "summary.md"));
        var failures = int.Parse(System.Text.RegularExpressions.Regex.Match(summary, @"gate failed: (\d+) reasons").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.StartsWith("### ❌ ProdReady gate failed: ", summary);
        Assert.True(failures > 16, $"{failures} reasons: too few to check the bound");
        Assert.Contains("**P0 and P1 must pass (tier critical)**:\n\n- sec.api-auth (P0) fails: API endpoints require authentication\n", summary);
        Assert.Contains($"- and {failures - 1 - 15} more; run `prodready gate` for all", summary);   // all but the level's reason share one rule
        Assert.Contains("**level ready or better (tier critical)**:\n\n- level is not ready: ", summary);
        Assert.Contains("## Production readiness", summary);
        Assert.Contains("\"tier\": \"critical\"", File.ReadAllText(Path.Combine(repo.Root, "assessment.json")));
    }

    [Fact]
    public void InitWritesAPolicyTheGateAcceptsAndNeverOverwritesWithoutForce()
    {
        using var repo = PolicyRepo.Create("", ("CODEOWNERS", "# owners\n*       @shop/orders-team\ndocs/ @shop/writers\n"));
        File.Delete(Path.Combine(repo.Root, PolicyFile.FileName));

        var init = Support.Cli.Run(repo.Root, "init");

        Assert.Equal(0, init.ExitCode);
        Assert.Contains("wrote prodready.yml", init.Stdout);
        Assert.Contains("wrote .github/workflows/prodready.yml", init.Stdout);
        Assert.Contains("image: mcr.microsoft.com/dotnet/sdk:10.0", init.Stdout);   // the GitLab job, printed
        var policy = File.ReadAllText(Path.Combine(repo.Root, PolicyFile.FileName));
        Assert.Contains("  owner: '@shop/orders-team'", policy);
        Assert.Contains("  kind: api", policy);
        Assert.Contains("  # ops.restore-drill:  # P1 · Restoring from backup has been rehearsed recently", policy);
        var workflow = File.ReadAllText(Path.Combine(repo.Root, StarterFiles.WorkflowPath));
        Assert.Contains("uses: github/codeql-action/upload-sarif@v3", workflow);
        Assert.Contains("run: prodready gate ", workflow);
        Assert.True(PolicyLoader.Load(repo.Root).Ok);

        File.WriteAllText(Path.Combine(repo.Root, PolicyFile.FileName), "service: { name: mine }\n");
        var again = Support.Cli.Run(repo.Root, "init");
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("already exist; nothing was written (--force replaces them)", again.Stderr);
        Assert.Equal("service: { name: mine }\n", File.ReadAllText(Path.Combine(repo.Root, PolicyFile.FileName)));

        Assert.Equal(0, Support.Cli.Run(repo.Root, "init", "--force").ExitCode);
        Assert.Contains("  owner: '@shop/orders-team'", File.ReadAllText(Path.Combine(repo.Root, PolicyFile.FileName)));
    }

    [Fact]
    public void EveryAttestationTemplateInitWritesLoadsOnceUncommented()
    {
        using var repo = PolicyRepo.Create("");
        File.Delete(Path.Combine(repo.Root, PolicyFile.FileName));
        Assert.Equal(0, Support.Cli.Run(repo.Root, "init").ExitCode);
        var path = Path.Combine(repo.Root, PolicyFile.FileName);
        // What the file tells a user to do: remove one '#' from each block (prose lines have two).
        var lines = File.ReadAllLines(path);
        var controls = Array.IndexOf(lines, "controls:");
        File.WriteAllLines(path, lines.Select((line, i) => i > controls && line.StartsWith("  # ", StringComparison.Ordinal) ? "  " + line[4..] : line));

        var loaded = PolicyLoader.Load(repo.Root);

        Assert.True(loaded.Ok, string.Join("\n", loaded.Errors) + "\n" + File.ReadAllText(path));
        Assert.Contains(loaded.Policy.Controls, declaration => declaration is Attestation { ControlId: "ops.restore-drill" });
        Assert.Contains(loaded.Policy.Controls, declaration => declaration is Waiver { ControlId: "sec.rate-limiting" });
    }
}
