using ProdReady.Catalog;
using ProdReady.Documents;

namespace ProdReady.Tests.Catalog;

/// <summary>
/// The aliases in the rule files, as `doc check` uses them: every built-in control can be named, no phrase names two
/// controls, and item lines written the way readiness documents write them (read by the real document reader) reach
/// the control a reader would mean, or no control at all.
/// </summary>
public class AliasTests
{
    private static readonly IReadOnlyList<ProdReady.Model.Control> Controls = CatalogLoader.LoadBuiltIn().Catalog.Controls;
    private static readonly ControlMatcher Matcher = new(Controls);

    [Fact]
    public void EveryBuiltInControlHasAnAlias()
    {
        Assert.Empty(Controls.Where(control => control.Aliases.Count == 0).Select(control => control.Id));
    }

    [Fact]
    public void NoAliasNamesTwoControls()
    {
        // Matched as a title on its own, an alias is the longest phrase present, so it can only lose to an alias of
        // the same normalized text: another control's alias that collides with it.
        var collisions = Controls
            .SelectMany(control => control.Aliases.Select(alias => (alias, control.Id, Matched: Matcher.Match(alias)?.Id)))
            .Where(entry => entry.Matched != entry.Id)
            .Select(entry => $"\"{entry.alias}\" of {entry.Id} matches {entry.Matched ?? "nothing"}");

        Assert.Empty(collisions);
    }

    public static TheoryData<string, string> NamedItems() => new()
    {
        // AI
        { "- [x] LLM call timeouts (30s)", "ai.model-call-timeouts" },
        { "- ✅ **[HIGH]** Anthropic retry logic with exponential backoff", "ai.model-call-retries" },
        { "- [ ] Fallback model when the primary provider is down", "ai.fallback-provider" },
        { "- ✅ **[HIGH]** Prompt guard on user input", "ai.prompt-injection-guard" },
        { "- [ ] max_tokens set on every completion", "ai.token-limits" },
        { "- ❌ **[MEDIUM]** Token usage and cost per request recorded", "ai.cost-tracking" },
        { "- [ ] Eval suite runs in CI", "ai.eval-suite-in-ci" },
        { "- [ ] Structured output validated with Pydantic", "ai.output-validation" },
        { "- ✅ **[HIGH]** LLM rate limiting per provider quota", "ai.provider-rate-limits" },
        // Data
        { "- [x] Alembic migrations", "data.migrations" },
        { "- [x] Transactions around multi-table writes", "data.transactions" },
        { "- [x] Nightly pg_dump backups", "data.backups" },
        { "- [ ] Restore procedure documented", "data.restore-procedure" },
        { "- [ ] Statement timeout on Postgres", "data.query-timeouts" },
        { "### ⏳ P3.4: Missing indexes on foreign keys **[PENDING]**", "data.indexes" },
        { "- [ ] Down migrations for every schema change", "data.migration-rollback" },
        { "- ❌ **[HIGH]** Data retention job for old events", "data.retention" },
        { "- [ ] Offsite backups to S3", "data.backup-offsite" },
        { "- ❌ **[MEDIUM]** Backup encryption with KMS", "data.backup-encryption" },
        { "- ❌ **[CRITICAL]** Encryption at rest for the RDS instance", "data.encryption-at-rest" },
        // Delivery
        { "- [x] GitHub Actions CI pipeline", "del.ci-pipeline" },
        { "- [x] CI on every PR", "del.ci-on-pull-requests" },
        { "- [x] package-lock.json committed", "del.lockfile" },
        { "- [ ] Renovate for weekly dependency bumps", "del.dependency-updates" },
        { "- [ ] SBOM (CycloneDX) attached to releases", "del.sbom" },
        { "- [x] Docker image pushed to GHCR from CI", "del.container-build" },
        { "- [ ] Image tags use the commit SHA", "del.image-tagged-by-commit" },
        { "- [x] Multi-stage Dockerfile", "del.multi-stage-build" },
        { "- ✅ Deployment script run by the CD workflow", "del.deploy-automation" },
        { "- [ ] Rollback procedure documented", "del.rollback" },
        { "- ❌ **[MEDIUM]** Staging environment that mirrors prod", "del.staging-environment" },
        { "- [ ] Pin GitHub Actions to commit SHAs", "del.actions-pinned" },
        { "- [ ] Workflow permissions: contents read", "del.ci-permissions" },
        { "- [x] Run migrations on deploy", "del.migrations-in-deploy" },
        { "- [ ] Canary releases with automatic rollback", "del.progressive-delivery" },
        { "- [ ] Smoke test after each deploy", "del.deploy-verification" },
        // Observability
        { "- [x] JSON logs with pino", "obs.structured-logging" },
        { "- [x] PII redaction in request logs", "obs.log-redaction" },
        { "- [x] Correlation ID middleware", "obs.correlation-ids" },
        { "- [x] Metrics: /metrics endpoint for Prometheus", "obs.metrics" },
        { "### ⏳ P2.1: Distributed Tracing **[PENDING]**", "obs.tracing" },
        { "- [x] Error reporting: Sentry wired into the API and the worker", "obs.error-tracking" },
        { "- [x] Alertmanager routes pages to the on-call channel", "obs.alert-rules" },
        { "- [ ] Runbook links on every alert", "obs.alert-runbooks" },
        { "- [ ] Grafana dashboards committed as JSON", "obs.dashboards" },
        { "- [x] SLOs defined for checkout latency", "obs.slo-defined" },
        { "- [ ] Replace console.log with the logger", "obs.no-console-logging" },
        { "- ⏳ **[HIGH]** Ship logs to Loki", "obs.log-aggregation" },
        { "- [x] Docker log rotation (max-size 10m)", "obs.log-rotation" },
        { "- [ ] Slow query log enabled in Postgres", "obs.slow-query-logging" },
        // Operations
        { "- ✅ **[HIGH]** README with local setup", "ops.readme" },
        { "- [x] Runbook for the billing worker", "ops.runbook" },
        { "- [ ] CODEOWNERS for every service folder", "ops.codeowners" },
        { "- [ ] Incident response playbook", "ops.incident-response" },
        { "- [x] Architecture decision records", "ops.architecture-docs" },
        { "- [ ] CHANGELOG kept per release", "ops.changelog" },
        { "- ✅ **[HIGH]** OpenAPI spec published", "ops.api-docs" },
        { "- ⏳ **[HIGH]** Disaster recovery plan with RTO and RPO", "ops.disaster-recovery-plan" },
        { "- [ ] PR template and contributing guide", "ops.contributing-guide" },
        { "- [x] Deployment guide for the platform team", "ops.deployment-docs" },
        { "- [ ] Quarterly restore drill", "ops.restore-drill" },
        { "- [ ] PagerDuty schedule for the API", "ops.on-call" },
        { "- [ ] SLA agreed with enterprise customers", "ops.slo-agreed" },
        // Performance
        { "- [x] k6 load tests for checkout", "perf.load-tests" },
        { "- [x] gzip compression at the proxy", "perf.response-compression" },
        { "- ✅ **[HIGH]** Redis response cache for search", "perf.caching" },
        { "- [ ] LRU cache for the entity map", "perf.bounded-caches" },
        { "- [x] Memory limits on all compose services", "perf.compose-resource-limits" },
        { "- [ ] Resource requests and limits on every pod", "perf.k8s-resource-limits" },
        { "- [ ] HTTP server timeouts (read, write, idle)", "perf.server-timeouts" },
        { "- [ ] Pagination on list endpoints", "perf.pagination" },
        { "- [ ] HPA on CPU for the API", "perf.autoscaling" },
        { "- [x] PgBouncer in front of Postgres", "perf.db-connection-pool" },
        { "- [ ] Bundle size budget in CI", "perf.bundle-budget" },
        // Reliability
        { "- [x] /healthz endpoint", "rel.liveness-endpoint" },
        { "- [x] Readiness probe checks the database and Redis", "rel.readiness-endpoint" },
        { "- [ ] Startup probe for the slow JVM boot", "rel.startup-probe" },
        { "- [ ] Graceful shutdown on SIGTERM", "rel.graceful-shutdown" },
        { "- [ ] P1.2: Retry Logic", "rel.retries-backoff" },
        { "- ✅ Circuit breaker on the payments client", "rel.circuit-breaker" },
        { "- [ ] HTTP client timeouts on all outbound calls", "rel.outbound-timeouts" },
        { "- [x] Dead-letter queue for failed jobs", "rel.dead-letter" },
        { "- [ ] Global error handler returns problem details", "rel.global-error-handler" },
        { "- [x] HEALTHCHECK in the Dockerfile", "rel.container-healthcheck" },
        { "- [x] restart: unless-stopped on all services", "rel.compose-restart-policy" },
        { "- [ ] depends_on with condition: service_healthy", "rel.compose-depends-healthy" },
        { "- [ ] Liveness and readiness probes on every deployment", "rel.k8s-probes" },
        { "- [ ] PodDisruptionBudget for the API", "rel.k8s-disruption-budget" },
        { "- [x] unhandledRejection handler logs before exit", "rel.unhandled-rejections" },
        { "- ✅ **[HIGH]** Graceful degradation when Redis is down", "rel.dependency-fallback" },
        { "- [ ] Idempotency keys on POST /payments", "rel.idempotency-keys" },
        // Security
        { "- [x] JWT auth on all API routes", "sec.api-auth" },
        { "- ✅ DISABLE_AUTH removed from every env file", "sec.no-auth-bypass" },
        { "- [x] Passwords hashed with argon2", "sec.api-key-hashing" },
        { "- [ ] RBAC roles for API keys", "sec.api-key-scopes" },
        { "- [x] Constant-time token comparison", "sec.constant-time-compare" },
        { "- [x] HMAC verification on Stripe webhooks", "sec.webhook-signature" },
        { "- [x] Block private IPs in the URL fetcher (SSRF)", "sec.ssrf-guard" },
        { "- [ ] Upload size limit and MIME sniffing", "sec.upload-validation" },
        { "- ⏳ **[HIGH]** Security headers on every response", "sec.security-headers" },
        { "- [ ] CSP without unsafe-inline", "sec.csp-strict" },
        { "- ❌ **[HIGH]** HSTS preload", "sec.hsts" },
        { "- [x] CORS: allow only the app's origins", "sec.cors-explicit-origins" },
        { "### ✅ P0.3: CSRF Protection **[COMPLETE]**", "sec.csrf" },
        { "- [x] Cookies set with Secure, HttpOnly and SameSite", "sec.cookie-flags" },
        { "- [ ] Rate limiting: per-IP limits on auth routes", "sec.rate-limiting" },
        { "- ⏳ **[MEDIUM]** Redis-backed rate limiting for all replicas", "sec.rate-limit-shared-store" },
        { "- [x] Zod request validation on every route", "sec.input-validation" },
        { "- [x] Parameterized queries everywhere", "sec.sql-parameterized" },
        { "- ✅ Request body size limit (1 MB)", "sec.request-size-limit" },
        { "- [x] No hardcoded secrets in the codebase", "sec.no-committed-secrets" },
        { "- [ ] Gitleaks pre-commit hook", "sec.secret-scanning" },
        { "- ✅ **[CRITICAL]** .env in .gitignore", "sec.env-ignored" },
        { "- ✅ **[HIGH]** .env.example lists every required variable", "sec.env-example" },
        { "- [ ] Move secrets to AWS Secrets Manager", "sec.secret-management" },
        { "- ❌ **[MEDIUM]** API key rotation without downtime", "sec.secret-rotation" },
        { "- [x] npm audit in CI", "sec.dependency-audit" },
        { "- [ ] Semgrep on pull requests", "sec.sast" },
        { "- ❌ **[MEDIUM]** License compliance check with license-checker", "sec.license-compliance" },
        { "- ✅ Containers run as non-root", "sec.container-non-root" },
        { "- [ ] Pin base images to a digest", "sec.base-image-pinned" },
        { "- [ ] Distroless runtime image", "sec.minimal-base-image" },
        { "- ✅ cap_drop ALL and no-new-privileges on every service", "sec.compose-hardening" },
        { "- [ ] Kubernetes securityContext: runAsNonRoot and readOnlyRootFilesystem", "sec.k8s-security-context" },
        { "- [x] Trivy scan on every image build", "sec.image-scanning" },
        { "- [ ] Image scanning in CI/CD with Grype", "sec.image-scanning" },
        { "- [ ] Cosign signatures for release images", "sec.image-signing" },
        { "- ✅ **[CRITICAL]** HTTPS everywhere via Traefik", "sec.tls-termination" },
        { "- [x] Remove the X-Powered-By header", "sec.no-version-banner" },
        { "- ✅ DEBUG=False in production settings", "sec.debug-off" },
        { "- [ ] Hide stack traces from API error responses", "sec.no-error-details" },
        { "- [x] Database ports not published", "sec.datastore-not-exposed" },
        { "- ✅ **[HIGH]** Redis password (requirepass)", "sec.redis-auth" },
        { "- [ ] TLS to Postgres (sslmode=verify-full)", "sec.datastore-tls" },
        { "- ⏳ **[MEDIUM]** Audit trail for admin actions", "sec.audit-logging" },
        { "- ⏳ **[OPTIONAL]** Cloudflare WAF in front of the API", "sec.edge-protection" },
        { "- [ ] SECURITY.md with a disclosure contact", "sec.disclosure-policy" },
        { "- [x] External penetration test before launch", "sec.security-review" },
        { "- [ ] Least-privilege IAM roles for production", "sec.least-privilege-access" },
        // Testing
        { "- [x] Pytest unit tests for the services", "test.unit-tests" },
        { "- [x] Jest as the test runner", "test.framework" },
        { "- [x] Tests run in CI on every push", "test.ci-runs-tests" },
        { "- ✅ **[HIGH]** Automated tests in CI", "test.ci-runs-tests" },
        { "- [ ] Coverage gate at 80%", "test.coverage-threshold" },
        { "- ⏳ **[HIGH]** Testcontainers integration tests", "test.integration-tests" },
        { "- [x] ESLint in CI", "test.lint" },
        { "- ❌ **[MEDIUM]** mypy in strict mode", "test.type-checking" },
        { "- [ ] OWASP ZAP baseline scan", "test.security-tests" },
        { "- [ ] Stryker mutation testing", "test.mutation-testing" },
        { "- [ ] axe-core accessibility checks", "test.accessibility-checks" },
    };

    public static TheoryData<string> UnnamedItems() =>
    [
        "- ❌ **[MEDIUM]** Admin Dashboard (Frontend)",
        "- ❌ **[MEDIUM]** User guide",
        "- ❌ **[OPTIONAL]** FAQ",
        "- ❌ **[MEDIUM]** Cost monitoring",
        "- [ ] Cloud bill alerts per team",
        "- [ ] A/B testing framework for onboarding flows",
        "- ❌ **[MEDIUM]** Capacity plan for the holiday peak",
        "- [ ] Cyclomatic complexity report",
        "- [x] Dark mode",
        "- [ ] SPF, DKIM and DMARC for the sending domain",
        "- [ ] Pricing page",
        "- [ ] Go/no-go checklist approved",
        "- [ ] Quarterly roadmap review",
        "- [ ] Read replica strategy",
    ];

    [Theory]
    [MemberData(nameof(NamedItems))]
    public void AnItemReachesTheControlItNames(string line, string controlId)
    {
        Assert.Equal(controlId, Matcher.Match(TitleOf(line))?.Id);
    }

    [Theory]
    [MemberData(nameof(UnnamedItems))]
    public void AnItemNoControlCoversReachesNone(string line)
    {
        Assert.Null(Matcher.Match(TitleOf(line))?.Id);
    }

    /// <summary>The title `doc check` matches: the line read as a one-item document, marks and priority tags removed.</summary>
    private static string TitleOf(string line) => Assert.Single(DocumentReader.Read("READINESS.md", line).AllItems()).Title;
}
