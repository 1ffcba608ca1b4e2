using System.Security.Cryptography.X509Certificates;

namespace ProdReady.Probing;

/// <summary>
/// The bounds a probe run keeps so it never hurts the service it judges. The defaults are the safe ones.
/// </summary>
public sealed record ProbeOptions
{
    /// <summary>Requests the whole run may send, redirects included.</summary>
    public int RequestBudget { get; init; } = 120;

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The whole run stops here, whatever is left.</summary>
    public TimeSpan Deadline { get; init; } = TimeSpan.FromSeconds(60);

    public int Concurrency { get; init; } = 2;

    /// <summary>Response bodies are read up to this many bytes.</summary>
    public int MaxBodyBytes { get; init; } = 64 * 1024;

    /// <summary>Consecutive 5xx answers after which the run stops: the service is struggling.</summary>
    public int MaxConsecutiveServerErrors { get; init; } = 5;

    /// <summary>Consecutive 429 answers (outside the rate-limit burst) after which the run stops: the service is throttling the probe.</summary>
    public int MaxConsecutiveThrottled { get; init; } = 3;

    /// <summary>The longest Retry-After the run waits for before going on.</summary>
    public TimeSpan MaxRetryAfterWait { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>A health endpoint slower than this at p95 gets a warning: orchestrator probes time out near here.</summary>
    public TimeSpan SlowHealth { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Allows the one probe that sends a burst (the rate-limit probe): off by default, since a burst can trip alerts or
    /// a limiter that then blocks real clients sharing the probe's address.
    /// </summary>
    public bool AllowBurst { get; init; }

    /// <summary>A health path to try before the conventional ones.</summary>
    public string? HealthPath { get; init; }

    /// <summary>The OpenAPI document: a path on the target, a URL on its host, or a local file; else it is looked for.</summary>
    public string? OpenApi { get; init; }

    /// <summary>Accept any certificate for the HTTP probes (`--insecure`); the TLS probe still reports it.</summary>
    public bool Insecure { get; init; }

    /// <summary>
    /// Roots trusted besides the system store (`--ca-file`): a private CA. Certificates chaining to one of them are
    /// valid for the HTTP probes and for the TLS probe.
    /// </summary>
    public IReadOnlyList<X509Certificate2> TrustedRoots { get; init; } = [];

    /// <summary>
    /// Where plain http is served, for the http→https redirect check (`--http-port`); by default port 80, and only for
    /// https targets on the default port 443.
    /// </summary>
    public int? HttpPort { get; init; }

    public string UserAgent { get; init; } = $"ProdReady-Probe/{typeof(ProbeOptions).Assembly.GetName().Version?.ToString(3)} (readiness probe; read-only)";
}
