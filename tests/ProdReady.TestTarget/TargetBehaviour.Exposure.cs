namespace ProdReady.TestTarget;

/// <summary>Metrics, admin and debug endpoints the target serves to anyone.</summary>
[Flags]
public enum Exposed
{
    None = 0,

    /// <summary>Prometheus text at /metrics.</summary>
    PrometheusMetrics = 1,

    /// <summary>Go expvar JSON at /debug/vars.</summary>
    Expvar = 2,

    /// <summary>Spring Boot actuator: an index listing env, heapdump and prometheus, and those endpoints.</summary>
    Actuator = 4,

    /// <summary>A .env file with credentials at /.env.</summary>
    DotEnv = 8,

    /// <summary>The git repository's config at /.git/config.</summary>
    GitConfig = 16,

    /// <summary>Go pprof's index at /debug/pprof/.</summary>
    Pprof = 32,
}

public sealed partial record TargetBehaviour
{
    public Exposed Exposed { get; init; }
}
