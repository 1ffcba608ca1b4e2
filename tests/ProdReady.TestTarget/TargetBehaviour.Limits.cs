namespace ProdReady.TestTarget;

public enum LimitsStyle
{
    /// <summary>Nothing limits-specific: no POST route, Kestrel's default limits.</summary>
    None,

    /// <summary>POST / reads its body (an orders API); Kestrel's default limits (30 MB body, 8 KB request line, 32 KB headers).</summary>
    Defaults,

    /// <summary>POST / reads its body with no body limit; request line and headers allowed up to 128 KB.</summary>
    Raised,

    /// <summary>Raised limits, and a middleware that throws on large input (answers 500).</summary>
    ServerError,

    /// <summary>Raised limits, and a middleware that never answers large input.</summary>
    Hang,

    /// <summary>Raised limits, and a middleware that drops the connection on large input.</summary>
    Drop,
}

public sealed partial record TargetBehaviour
{
    public LimitsStyle Limits { get; init; }
}
