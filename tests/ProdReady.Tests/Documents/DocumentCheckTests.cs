using ProdReady.Catalog;
using ProdReady.Documents;
using ProdReady.Scanning;
using ProdReady.Tests.Support;

namespace ProdReady.Tests.Documents;

/// <summary>`doc check`: a document against a real repository scanned with the built-in catalog.</summary>
public class DocumentCheckTests
{
    private const string Readiness = """
        # Readiness

        Last Updated: 2026-11-20

        ## Security
        - [x] Security headers with helmet (`src/app.js`)
        - [x] Webhook signature verification (`src/webhooks.js`)
        - [ ] Rate limiting on login
        - [x] Support team briefed on the launch
        - [x] Circuit breaker around the payment provider

        ## Next Steps
        - [ ] Add `docs/runbook.md`
        """;

    private static TempRepo Service() => new(
        ("package.json", "{ \"name\": \"orders\", \"dependencies\": { \"express\": \"^4.19.2\", \"helmet\": \"^7.1.0\", \"express-rate-limit\": \"^7.2.0\" } }"),
        ("src/app.js", """
            const express = require("express");
            const helmet = require("helmet");
            const rateLimit = require("express-rate-limit");
            const app = express();
            app.use(helmet());
            app.use("/login", rateLimit({ windowMs: 60000, max: 10 }));
            app.get("/orders", (req, res) => res.json([]));
            app.listen(3000);
            """),
        ("READINESS.md", Readiness));

    [Fact]
    public void ClaimsAreCheckedAgainstTheControlsTheyName()
    {
        using var repo = Service();
        var catalog = CatalogLoader.LoadBuiltIn().Catalog;
        var assessment = Scanner.Scan(repo.Root, catalog, new ScanOptions());
        var walk = RepositoryWalker.Walk(repo.Root, new ScanOptions());

        var findings = DocumentChecker.Check(DocumentReader.Read("READINESS.md", Readiness), assessment.Results,
            walk.Files.Select(f => f.Path).Concat(walk.Directories).ToHashSet(StringComparer.Ordinal));

        Assert.Equal(
            [
                "7 doc.broken-citation: cites `src/webhooks.js`, which is not in the repository",
                "8 doc.evidence-but-open: \"Rate limiting on login\" is marked open, but sec.rate-limiting passes: package.json:1",
                "9 doc.not-verifiable: \"Support team briefed on the launch\" matches no control; only a person can confirm it (record an attestation)",
                "10 doc.claimed-without-evidence: \"Circuit breaker around the payment provider\" is marked done, but rel.circuit-breaker fails: not found: node dependency opossum or cockatiel or mollitia or brakes",
                "13 doc.broken-citation: cites `docs/runbook.md`, which is not in the repository",
            ],
            findings.Select(f => $"{f.Line} {f.Id}: {f.Message}"));
    }

    [Theory]
    [InlineData("Move Rate Limiting to Redis", "sec.rate-limit-shared-store")]
    [InlineData("Rate limiting on login", "sec.rate-limiting")]
    [InlineData("Implement Retry Logic with Exponential Backoff", "rel.retries-backoff")]
    [InlineData("Webhook Signature Validation", "sec.webhook-signature")]
    [InlineData("Rate limits on login", "sec.rate-limiting")]
    [InlineData("Quarterly pen test", "sec.security-review")]
    [InlineData("Error budgets mapped to SLOs.", "obs.slo-defined")]
    [InlineData("Rate limiting/throttling on auth routes", "sec.rate-limiting")]
    [InlineData("Support team briefed on the launch", null)]
    public void ItemsMatchTheControlWithTheLongestAlias(string title, string? control)
    {
        var matcher = new ControlMatcher(CatalogLoader.LoadBuiltIn().Catalog.Controls);

        Assert.Equal(control, matcher.Match(title)?.Id);
    }

    [Fact]
    public void TheCliChecksTheDocumentAgainstTheRepository()
    {
        using var repo = Service();

        var run = Support.Cli.Run(repo.Root, "doc", "check", "READINESS.md", "--repo", ".");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("READINESS.md:10: error \"Circuit breaker around the payment provider\" is marked done, but rel.circuit-breaker fails", run.Stdout);
    }
}

/// <summary>`doc import`: items as data with their controls, and an attestation fragment that is valid YAML.</summary>
public class DocumentImportTests
{
    private static ReadinessDocument Milestones() =>
        DocumentReader.Read("milestones.md", File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Documents", "fixtures", "milestones.md")));

    [Fact]
    public void ItemsKeepTheirTreeAndNameTheirControls()
    {
        var items = DocumentImport.Import(Milestones(), CatalogLoader.LoadBuiltIn().Catalog.Controls);

        Assert.Equal(["doc.m0-groundwork", "doc.m1-hardening", "doc.m2-launch"], items.Select(i => i.Key));
        Assert.Equal(
            ["doc.lockfile-committed-package-lock-json del.lockfile", "doc.renovate-configured del.dependency-updates", "doc.ci-runs-lint-and-tests test.lint", "doc.fresh-clone-builds -"],
            items[0].Children.Select(child => $"{child.Key} {child.ControlId ?? "-"}"));
    }

    [Fact]
    public void TheAttestationFragmentListsUnverifiableItemsAsValidYaml()
    {
        var document = Milestones();
        var items = DocumentImport.Import(document, CatalogLoader.LoadBuiltIn().Catalog.Controls);

        var yaml = ProdReady.Reporting.DocumentImportRender.Attestations(document, DocumentImport.Unverifiable(items));

        var stream = new YamlDotNet.RepresentationModel.YamlStream();
        stream.Load(new StringReader(yaml));
        var entries = (YamlDotNet.RepresentationModel.YamlSequenceNode)((YamlDotNet.RepresentationModel.YamlMappingNode)stream.Documents[0].RootNode)["attestations"];
        Assert.Equal(
            ["doc.m0-groundwork done 2026-11-01", "doc.fresh-clone-builds done 2026-11-01", "doc.m1-hardening partial 2026-11-01", "doc.m2-launch open 2026-11-01", "doc.launch-announcement-drafted open 2026-11-01"],
            entries.Children.Cast<YamlDotNet.RepresentationModel.YamlMappingNode>().Select(e => $"{e["id"]} {e["status"]} {e["date"]}"));
    }
}
