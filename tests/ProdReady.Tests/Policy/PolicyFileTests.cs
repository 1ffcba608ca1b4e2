using System.Text.RegularExpressions;
using ProdReady.Model;
using ProdReady.Policy;
using ProdReady.Tests.Support;

namespace ProdReady.Tests.Policy;

/// <summary>prodready.yml from real files on disk: the documented example loads, and every mistake is named with its line.</summary>
public partial class PolicyFileTests
{
    [Fact]
    public void TheDocumentedExampleLoadsWithEveryValue()
    {
        using var repo = new TempRepo((PolicyFile.FileName, DocumentedExample()));
        Directory.CreateDirectory(Path.Combine(repo.Root, "ops", "prodready-rules"));

        var loaded = PolicyLoader.Load(repo.Root);

        Assert.True(loaded.Ok, string.Join("\n", loaded.Errors));
        var policy = loaded.Policy;
        Assert.Equal(new ServiceInfo { Name = "payments-api", Owner = "team-payments", Tier = ServiceTier.Critical, Kind = ServiceKind.HttpApi }, policy.Service);
        Assert.Equal(ReadinessLevel.Ready, policy.Rules.Level);
        Assert.Equal(75, policy.Rules.MinScore);
        Assert.Equal(80, policy.Rules.CategoryMinimums["security"]);
        Assert.Equal([Priority.P0, Priority.P1], policy.Rules.MustPass);
        Assert.Equal(10, policy.Weights[Priority.P0]);
        Assert.Equal(["ops/prodready-rules"], policy.RuleFolders);
        Assert.Equal(["legacy/**", "*.generated.cs"], policy.Ignore);
        var notApplicable = Assert.IsType<NotApplicableDeclaration>(policy.Controls.Single(c => c.ControlId == "sec.redis-auth"));
        Assert.StartsWith("the cache is a managed service", notApplicable.Reason);
        var waiver = Assert.IsType<Waiver>(policy.Controls.Single(c => c.ControlId == "sec.rate-limiting"));
        Assert.Equal(("alice@example.com", new DateOnly(2027, 3, 31)), (waiver.Owner, waiver.Until));
        var attestation = Assert.IsType<Attestation>(policy.Controls.Single(c => c.ControlId == "ops.restore-drill"));
        Assert.Equal((ResultStatus.Pass, "bob@example.com", new DateOnly(2026, 10, 2), new DateOnly(2027, 4, 1)), (attestation.Status, attestation.By, attestation.Date, attestation.Expires));
        Assert.Equal(PolicyFile.FileName, attestation.Origin.File);
        Assert.True(attestation.Origin.Line > waiver.Origin.Line);
    }

    [Fact]
    public void WithoutAFileTheStandardTierAndNoDeclarations()
    {
        using var repo = new TempRepo(("README.md", "# x"));

        var loaded = PolicyLoader.Load(repo.Root);

        Assert.True(loaded.Ok);
        Assert.Same(PolicyFile.Default, loaded.Policy);
        Assert.Equal(ServiceTier.Standard, loaded.Policy.Service.Tier);
        Assert.NotEmpty(loaded.Catalog.Controls);
    }

    [Fact]
    public void AFileOfOnlyCommentsMeansTheDefaults()
    {
        using var repo = new TempRepo((PolicyFile.FileName, "# service:\n#   tier: critical\n"));

        var loaded = PolicyLoader.Load(repo.Root);

        Assert.True(loaded.Ok, string.Join("\n", loaded.Errors));
        Assert.Equal(ServiceTier.Standard, loaded.Policy.Service.Tier);
        Assert.Empty(loaded.Policy.Controls);
    }

    [Fact]
    public void AttestationsExpireAfter180DaysUnlessToldOtherwise()
    {
        using var repo = new TempRepo((PolicyFile.FileName, """
            controls:
              ops.restore-drill:
                attest: { status: pass, by: bob, date: 2026-01-10, evidence: docs/drill.md }
            """));

        var attestation = Assert.IsType<Attestation>(Assert.Single(PolicyLoader.Load(repo.Root).Policy.Controls));

        Assert.Equal(new DateOnly(2026, 7, 9), attestation.Expires);
    }

    [Fact]
    public void RuleFoldersAddControlsThatDeclarationsCanName()
    {
        using var repo = new TempRepo(
            (PolicyFile.FileName, "rules: [team-rules]\ncontrols:\n  ops.pager-drill:\n    attest: { status: pass, by: carol, date: 2026-11-01, evidence: docs/pager.md }\n"),
            ("team-rules/pager.yaml", """
                controls:
                  - id: ops.pager-drill
                    title: The pager rotation was tested this quarter
                    category: operations
                    priority: P2
                    rationale: An untested pager wakes nobody.
                    remediation: Page the on-call person on purpose once a quarter.
                """));

        var loaded = PolicyLoader.Load(repo.Root);

        Assert.True(loaded.Ok, string.Join("\n", loaded.Errors));
        Assert.NotNull(loaded.Catalog.Find("ops.pager-drill"));
    }

    [Theory]
    [InlineData("servce:\n  tier: critical\n", 1, "unknown key 'servce' in prodready.yml")]
    [InlineData("service:\n  tier: critcal\n", 2, "unknown tier 'critcal'; expected critical, standard or experimental")]
    [InlineData("service:\n  team: payments\n", 2, "unknown key 'team' in 'service'")]
    [InlineData("service:\n  kind: daemon\n", 2, "unknown kind 'daemon'; expected api, worker, cli or library")]
    [InlineData("service: payments\n", 1, "'service' must be a mapping")]
    [InlineData("version: 2\n", 1, "'version' must be 1")]
    [InlineData("policy:\n  level: production\n", 2, "unknown level 'production'")]
    [InlineData("policy:\n  min-score: high\n", 2, "'min-score' in 'policy' must be a number from 0 to 100")]
    [InlineData("policy:\n  min-score: 120\n", 2, "'min-score' in 'policy' must be a number from 0 to 100")]
    [InlineData("policy:\n  categories:\n    secrity: 80\n", 3, "unknown category 'secrity'")]
    [InlineData("policy:\n  categories:\n    security: [80]\n", 3, "the minimum score of 'security' must be a number from 0 to 100")]
    [InlineData("policy:\n  must-pass: [P0, P5]\n", 2, "unknown priority 'P5'")]
    [InlineData("weights:\n  P9: 3\n", 2, "unknown priority 'P9'")]
    [InlineData("weights:\n  P1: -1\n", 2, "the weight of P1 must be a number from 0 to 1000")]
    [InlineData("rules: [no-such-folder]\n", 1, "rule folder 'no-such-folder' does not exist")]
    [InlineData("ignore:\n  legacy: true\n", 2, "'ignore' in prodready.yml must be a text value or a list of them")]
    [InlineData("controls:\n  sec.hsts:\n    waive: { reason: r, owner: o }\n", 3, "the waiver of sec.hsts needs 'until'")]
    [InlineData("controls:\n  sec.hsts:\n    waive: { reason: r, owner: o, until: 31/03/2027 }\n", 3, "'until' in the waiver of sec.hsts must be a date written YYYY-MM-DD, not '31/03/2027'")]
    [InlineData("controls:\n  sec.hsts:\n    waive: { reason: r, owner: o, until: 2027-02-30 }\n", 3, "must be a date written YYYY-MM-DD, not '2027-02-30'")]
    [InlineData("controls:\n  sec.hsts:\n    waive: { reason: r, until: 2027-01-01 }\n", 3, "the waiver of sec.hsts needs 'owner'")]
    [InlineData("controls:\n  sec.hsts:\n    waive: { reason: r, owner: o, until: 2027-01-01, ticket: X-1 }\n", 3, "unknown key 'ticket' in the waiver of sec.hsts")]
    [InlineData("controls:\n  sec.hsts:\n    not-applicable: ''\n", 3, "'not-applicable' in control sec.hsts (the reason it does not apply) must be a non-empty text value")]
    [InlineData("controls:\n  sec.hsts:\n    skip: true\n", 3, "unknown key 'skip' in control sec.hsts")]
    [InlineData("controls:\n  sec.hsts:\n    not-applicable: behind a proxy\n    waive: { reason: r, owner: o, until: 2027-01-01 }\n", 3, "control sec.hsts needs exactly one of not-applicable, waive or attest")]
    [InlineData("controls:\n  ops.restore-drill:\n    attest: { status: done, by: b, date: 2026-01-01, evidence: e }\n", 3, "unknown attested status 'done'; expected pass, partial or fail")]
    [InlineData("controls:\n  ops.restore-drill:\n    attest: { status: pass, by: b, date: 2026-01-01 }\n", 3, "the attestation of ops.restore-drill (a link or a repository path to the record) needs 'evidence'")]
    [InlineData("controls:\n  ops.restore-drill:\n    attest: { status: pass, by: b, evidence: e }\n", 3, "the attestation of ops.restore-drill needs 'date'")]
    [InlineData("controls:\n  ops.restore-drill:\n    attest: { status: pass, by: b, date: 2026-05-01, evidence: e, expires: 2026-04-01 }\n", 3, "expires (2026-04-01) before its date (2026-05-01)")]
    [InlineData("controls:\n  ops.restore-drills:\n    attest: { status: pass, by: b, date: 2026-05-01, evidence: e }\n", 3, "no control with id 'ops.restore-drills' (did you mean ops.restore-drill?)")]
    [InlineData("service:\n  tier: [critical\n", 3, "invalid YAML")] // the parser notices the open bracket at the end
    public void EveryMistakeIsNamedWithItsLine(string yaml, int line, string message)
    {
        using var repo = new TempRepo((PolicyFile.FileName, yaml));

        var loaded = PolicyLoader.Load(repo.Root);

        var error = Assert.Single(loaded.Errors);
        Assert.Equal((PolicyFile.FileName, line), (error.File, error.Line));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void EveryProblemOfTheFileIsReportedAtOnce()
    {
        using var repo = new TempRepo((PolicyFile.FileName, "service:\n  tier: gold\npolicy:\n  level: top\ncontrols:\n  sec.hsts:\n    waive: { reason: r, owner: o, until: soon }\n"));

        var lines = PolicyLoader.Load(repo.Root).Errors.Select(error => error.Line);

        Assert.Equal([2, 4, 7], lines);
    }

    [Fact]
    public void ADanglingLinkOrAFolderByThatNameIsAnErrorNotTheDefaults()
    {
        using var repo = new TempRepo(("README.md", "# x"));
        File.CreateSymbolicLink(Path.Combine(repo.Root, PolicyFile.FileName), Path.Combine(repo.Root, "gone.yml"));

        var error = Assert.Single(PolicyLoader.Load(repo.Root).Errors);

        Assert.Equal(PolicyFile.FileName, error.File);
        Assert.StartsWith("cannot read", error.Message);
        File.Delete(Path.Combine(repo.Root, PolicyFile.FileName));
        Directory.CreateDirectory(Path.Combine(repo.Root, PolicyFile.FileName));
        Assert.StartsWith("cannot read", Assert.Single(PolicyLoader.Load(repo.Root).Errors).Message);
    }

    /// <summary>The example in docs/configuration.md, so the documentation cannot drift from the parser.</summary>
    private static string DocumentedExample()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", "configuration.md"));
        return ExampleBlock().Match(text).Groups[1].Value;
    }

    [GeneratedRegex(@"## A complete example\s+```yaml\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex ExampleBlock();
}
