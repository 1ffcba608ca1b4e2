namespace ProdReady.TestTarget;

public enum HealthStyle
{
    /// <summary>No health endpoint at all.</summary>
    None,

    /// <summary>/livez and /readyz.</summary>
    Split,

    /// <summary>Only /health, for both.</summary>
    General,

    /// <summary>/health answers 200 with {"status":"Unhealthy"}.</summary>
    UnhealthyWith200,

    /// <summary>/health shows its connection string and an exception.</summary>
    Leaky,

    /// <summary>/health takes 300 ms.</summary>
    Slow,

    /// <summary>/livez answers 200; /readyz answers 503 (a dependency is down).</summary>
    NotReady,
}

public enum CorsStyle
{
    /// <summary>No CORS headers.</summary>
    None,

    /// <summary>Echoes any Origin, with Allow-Credentials: true and Vary: Origin.</summary>
    EchoWithCredentials,

    /// <summary>Echoes any Origin without credentials and without Vary: Origin.</summary>
    EchoWithoutVary,

    /// <summary>Access-Control-Allow-Origin: * with Allow-Credentials: true.</summary>
    WildcardWithCredentials,

    /// <summary>Allows only https://app.example.test.</summary>
    Explicit,
}

/// <summary>How the target behaves in one test: good or bad headers, health style, a catch-all 200, and so on.</summary>
public sealed partial record TargetBehaviour
{
    public HealthStyle Health { get; init; } = HealthStyle.Split;

    /// <summary>nosniff, frame protection, a strict CSP, Referrer-Policy on every answer.</summary>
    public bool SecureHeaders { get; init; }

    /// <summary>A CSP with 'unsafe-inline' instead of the strict one.</summary>
    public bool LaxCsp { get; init; }

    /// <summary>Server: nginx/1.18.0 and X-Powered-By: Express.</summary>
    public bool VersionBanners { get; init; }

    /// <summary>The root answers with an HTML page rather than JSON.</summary>
    public bool HtmlRoot { get; init; }

    /// <summary>Every unknown path answers 200 with the same page (an SPA fallback).</summary>
    public bool CatchAll { get; init; }

    public CorsStyle Cors { get; init; }
}
