using ProdReady.Policy;
using ProdReady.Tests.Support;

namespace ProdReady.Tests.Policy;

/// <summary>
/// The whole adoption story on a copy of samples/python-fastapi in git, with the real CLI: `init`, the team declares
/// the service critical, `gate` fails with its reasons; fixes, attestations and waivers land in a commit, `gate`
/// passes; `history` shows the climb; months later an expired waiver fails the gate again.
/// </summary>
public sealed class AdoptionJourneyTests : IAsyncLifetime
{
    private readonly TempRepo _temp = new();

    private string Repo => Path.Combine(_temp.Root, "docsearch");

    public Task InitializeAsync() => GitCopy.OfSample("python-fastapi", Repo);

    public Task DisposeAsync()
    {
        _temp.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task InitThenFailThenFixAttestAndWaiveThenPassAndHistoryShowsTheClimb()
    {
        Assert.Equal(0, Run("init").ExitCode);
        Edit(PolicyFile.FileName, "  tier: standard", "  tier: critical");
        await GitCopy.Commit(Repo, "adopt ProdReady");

        var failing = Run("gate", "--today", "2026-11-22");
        Assert.Equal(1, failing.ExitCode);
        Assert.Contains("GATE FAILED: 12 reasons", failing.Stdout);
        Assert.Contains("✗ sec.dependency-audit (P1) fails: Dependencies are audited for known vulnerabilities in CI", failing.Stdout);
        Assert.Contains("✗ ops.restore-drill (P1) is not assessed: Restoring from backup has been rehearsed recently", failing.Stdout);
        Assert.Contains("✗ level is developing: overall score 58 ", failing.Stdout);
        Assert.Contains("rule: level ready or better (tier critical)", failing.Stdout);

        FixWhatCodeCanFix();
        Declare("""
              ops.restore-drill:
                attest: { status: pass, by: bob@example.com, date: 2026-11-10, evidence: docs/runbook.md }
              sec.management-endpoints-private:
                attest: { status: pass, by: carol@example.com, date: 2026-11-15, evidence: "https://wiki.example.com/net/metrics-firewall" }
              ops.on-call:
                attest: { status: pass, by: erin@example.com, date: 2026-11-01, evidence: "https://pager.example.com/schedules/docsearch" }
              sec.rate-limiting:
                waive: { reason: the API gateway limits per key until the migration ends, owner: alice@example.com, until: 2027-03-31 }
              ai.prompt-injection-guard:
                waive: { reason: only staff query the index until the public launch, owner: dana@example.com, until: 2027-02-28 }
              ai.token-limits:
                waive: { reason: the provider account caps tokens per request, owner: dana@example.com, until: 2027-02-28 }
            """);
        await GitCopy.Commit(Repo, "fix, attest and waive what the gate found");

        var passing = Run("gate", "--today", "2026-11-22");
        Assert.Equal(0, passing.ExitCode);
        Assert.Contains("Overall 75.3 / 100 · level ready", passing.Stdout);
        Assert.Contains("GATE PASSED", passing.Stdout);

        // Every output shows the declarations: the scan lists the waivers, --explain the attestation and its record.
        var scan = Run("scan", "--no-history", "--today", "2026-11-22");
        Assert.Contains("Waived (3; counted as passing until their date, failing after)", scan.Stdout);
        Assert.Contains("  P1 sec.rate-limiting · waived until 2027-03-31 by alice@example.com: the API gateway limits per key until the migration ends (scan: ", scan.Stdout);
        var explain = Run("scan", "--no-history", "--today", "2026-11-22", "--explain", "sec.management-endpoints-private");
        Assert.Contains("Result: PASS · attested pass by carol@example.com on 2026-11-15, valid until 2027-05-14", explain.Stdout);
        Assert.Contains("record: https://wiki.example.com/net/metrics-firewall", explain.Stdout);

        var markdown = Run("scan", "--no-history", "--today", "2026-11-22", "--format", "markdown").Stdout;
        Assert.Contains("### Waived (3)", markdown);
        Assert.Contains("### Attested (3)", markdown);
        Assert.Contains("- **P1** `ops.restore-drill` attested pass by bob@example.com on 2026-11-10, valid until 2027-05-09 (docs/runbook.md)", markdown);

        var history = Run("history");
        Assert.Equal(0, history.ExitCode);
        Assert.Contains("▲ +17.3", history.Stdout);   // 58.0 → 75.3, a move of 5 points or more

        // Months later, with no change to the code: the AI waivers have expired.
        var later = Run("gate", "--today", "2027-03-01");
        Assert.Equal(1, later.ExitCode);
        Assert.Contains("✗ ai.prompt-injection-guard (P1) fails", later.Stdout);
        Assert.Contains("why: waiver expired on 2027-02-28 (dana@example.com: only staff query the index until the public launch)", later.Stdout);
    }

    private CliRun Run(params string[] args) => Support.Cli.Run(Repo, args);

    private void Edit(string file, string from, string to)
    {
        var path = Path.Combine(Repo, file);
        var text = File.ReadAllText(path);
        Assert.Contains(from, text);
        File.WriteAllText(path, text.Replace(from, to, StringComparison.Ordinal));
    }

    private void Write(string file, string content)
    {
        var path = Path.Combine(Repo, file);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    private void Declare(string controls) => File.AppendAllText(Path.Combine(Repo, PolicyFile.FileName), controls.ReplaceLineEndings("\n") + "\n");

    /// <summary>Each change is the smallest real fix for one failing control.</summary>
    private void FixWhatCodeCanFix()
    {
        Edit("app/main.py", "    app.middleware(\"http\")(observe_requests)\n", """
                app.middleware("http")(observe_requests)

                @app.middleware("http")
                async def security_headers(request, call_next):
                    response = await call_next(request)
                    response.headers["X-Content-Type-Options"] = "nosniff"
                    response.headers["X-Frame-Options"] = "DENY"
                    return response

                @app.exception_handler(Exception)
                async def unhandled(request, exc):
                    return JSONResponse(status_code=500, content={"detail": "internal error"})

            """);
        Edit(".github/workflows/ci.yml", "      - name: Lint", "      - uses: pypa/gh-action-pip-audit@v1.1.0\n        with:\n          inputs: requirements.txt\n\n      - name: Lint");
        Write("scripts/backup.sh", "#!/bin/sh\nset -eu\npg_dump --format=custom \"$DATABASE_URL\" > \"backup-$(date +%F).dump\"\n");
        Write("scripts/restore.sh", "#!/bin/sh\nset -eu\npg_restore --clean --dbname \"$DATABASE_URL\" \"$1\"\n");
        Write("docs/runbook.md", "# Runbook\n\n## Restart\n\n`docker compose restart api`\n");
        Write("docs/slo.md", "# SLOs\n\n- availability 99.5% over 30 days\n- p95 search latency under 800 ms\n");
        Write("docs/incident-response.md", "# Incident response\n\n1. Page the on-call engineer.\n");
        Write(".github/dependabot.yml", "version: 2\nupdates:\n  - package-ecosystem: pip\n    directory: \"/\"\n    schedule: { interval: weekly }\n");
        Write("CODEOWNERS", "* @docsearch/maintainers\n");
        Write("SECURITY.md", "# Security\n\nReport vulnerabilities to security@example.com.\n");
        Write("CHANGELOG.md", "# Changelog\n\n## 1.1.0\n- security headers\n");
    }
}
