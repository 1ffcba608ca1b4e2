using ProdReady.Catalog;
using ProdReady.Tests.Support;

namespace ProdReady.Tests.Catalog;

/// <summary>
/// Statically detectable items from real hand-written readiness documents (../shared/seeds, present in CI and
/// development checkouts) and the controls that check them. The ids must exist in the catalog; when the seeds
/// are present, each phrase must still occur in its document, so the mapping cannot drift from its source.
/// </summary>
public class SeedCoverageTests
{
    public static TheoryData<string, string, string> Items() => new()
    {
        { "pm-intelligence-status.md", "API Authentication System", "sec.api-auth" },
        { "pm-intelligence-status.md", "Bcrypt-hashed API keys", "sec.api-key-hashing" },
        { "pm-intelligence-status.md", "Scope-based permissions", "sec.api-key-scopes" },
        { "pm-intelligence-status.md", "Webhook Signature Validation", "sec.webhook-signature" },
        { "pm-intelligence-status.md", "Timing-safe comparisons", "sec.constant-time-compare" },
        { "pm-intelligence-status.md", "SSRF Protection", "sec.ssrf-guard" },
        { "pm-intelligence-status.md", "File Upload Validation", "sec.upload-validation" },
        { "pm-intelligence-status.md", "Transaction Boundaries", "data.transactions" },
        { "pm-intelligence-status.md", "Retry Logic with Exponential Backoff", "rel.retries-backoff" },
        { "pm-intelligence-status.md", "CircuitBreaker", "rel.circuit-breaker" },
        { "pm-intelligence-status.md", "Graceful Shutdown", "rel.graceful-shutdown" },
        { "pm-intelligence-status.md", "Dead letter queue", "rel.dead-letter" },
        { "pm-intelligence-status.md", "Correlation IDs", "obs.correlation-ids" },
        { "pm-intelligence-status.md", "/health/readiness", "rel.readiness-endpoint" },
        { "pm-intelligence-status.md", "/health/startup", "rel.startup-probe" },
        { "pm-intelligence-status.md", "Cache Eviction for Unbounded Maps", "perf.bounded-caches" },
        { "pm-intelligence-status.md", "Security Headers with Helmet.js", "sec.security-headers" },
        { "pm-intelligence-status.md", "Move Rate Limiting to Redis", "sec.rate-limit-shared-store" },
        { "rag-checklist.md", "Non-root user in containers", "sec.container-non-root" },
        { "rag-checklist.md", "Read-only filesystem", "sec.compose-hardening" },
        { "rag-checklist.md", "Service auto-restart", "rel.compose-restart-policy" },
        { "rag-checklist.md", "Prompt injection protection", "ai.prompt-injection-guard" },
        { "rag-checklist.md", "LLM fallback provider", "ai.fallback-provider" },
        { "rag-checklist.md", "Automated evaluation in CI", "ai.eval-suite-in-ci" },
        { "rag-checklist.md", "Automated dependency updates", "del.dependency-updates" },
        { "rag-checklist.md", "Automated backups", "data.backups" },
        { "rag-checklist.md", "Measure test coverage", "test.coverage-threshold" },
        { "rag-checklist.md", "Structured logging (JSON format)", "obs.structured-logging" },
        { "rag-checklist.md", "Load testing before production", "perf.load-tests" },
        { "rag-checklist.md", "Secrets excluded from git", "sec.env-ignored" },
        { "platform-roadmap.md", "Dependabot configured", "del.dependency-updates" },
        { "platform-roadmap.md", "SBOM generation", "del.sbom" },
        { "platform-roadmap.md", "CORS: enforce explicit origins", "sec.cors-explicit-origins" },
        { "platform-roadmap.md", "CSRF: add protection", "sec.csrf" },
        { "platform-roadmap.md", "Prometheus format export", "obs.metrics" },
        { "platform-roadmap.md", "OpenTelemetry implemented", "obs.tracing" },
        { "platform-roadmap.md", "Sentry integration added", "obs.error-tracking" },
        { "erp-assessment.md", "Multi-stage Docker builds", "del.multi-stage-build" },
        { "erp-assessment.md", "Database connection pooling", "perf.db-connection-pool" },
        { "alerts-assessment.md", "coverage ratchet enforced in CI", "test.coverage-threshold" },
        { "alerts-assessment.md", "Runbook updated", "ops.runbook" },
    };

    private static readonly ControlCatalog BuiltIn = CatalogLoader.LoadBuiltIn().Catalog;

    [Theory]
    [MemberData(nameof(Items))]
    public void SeedItemHasAControl(string seed, string phrase, string controlId)
    {
        Assert.True(BuiltIn.Find(controlId) is not null, $"{seed}: \"{phrase}\" maps to {controlId}, which is not in the catalog");
        // The aliases in the rule files are what `doc check` uses to make the same mapping.
        Assert.Equal(controlId, new ProdReady.Documents.ControlMatcher(BuiltIn.Controls).Match(phrase)?.Id);
        var path = Path.Combine(RepositoryRoot.Path, "..", "shared", "seeds", seed);
        if (File.Exists(path))
        {
            Assert.Contains(phrase, File.ReadAllText(path), StringComparison.OrdinalIgnoreCase);
        }
    }
}
