namespace ProdReady.TestTarget;

public enum ApiStyle
{
    /// <summary>No /api, no OpenAPI document.</summary>
    None,

    /// <summary>/openapi.json describes the API; /api redirects to the login page, /api/v1 and secured operations answer 401/403.</summary>
    Protected,

    /// <summary>The same document, but /api, /api/v1 and the secured GET /api/v1/orders answer 200 with data to anyone.</summary>
    Leaky,

    /// <summary>Protected, but /openapi.json is broken JSON (a doubled comma on line 5).</summary>
    MalformedDocument,
}

public enum CookieStyle
{
    /// <summary>No cookies at all.</summary>
    None,

    /// <summary>The root sets theme and XSRF-TOKEN (not session-like); /login sets session with HttpOnly, Secure and SameSite=Lax.</summary>
    Hardened,

    /// <summary>The root sets theme and XSRF-TOKEN; /login sets session with no flags and remember_me without Secure.</summary>
    Loose,
}

public sealed partial record TargetBehaviour
{
    public ApiStyle Api { get; init; }

    public CookieStyle Cookies { get; init; }

    /// <summary>TRACE is answered with the request itself (message/http), and OPTIONS lists TRACE.</summary>
    public bool TraceEcho { get; init; }

    /// <summary>Responses are gzip/br-compressed when the client accepts it (ASP.NET response compression, https too).</summary>
    public bool Compression { get; init; }
}
