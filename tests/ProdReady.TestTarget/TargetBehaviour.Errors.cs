namespace ProdReady.TestTarget;

/// <summary>How the target answers malformed input: an unknown path, bad percent-encoding, a broken JSON body.</summary>
public enum ErrorStyle
{
    /// <summary>Kestrel's defaults: empty 404 and 405 answers.</summary>
    Default,

    /// <summary>AddProblemDetails, UseExceptionHandler and UseStatusCodePages; POST / binds a typed body (400 when broken).</summary>
    ProblemDetails,

    /// <summary>Problem details too, but POST / parses JSON by hand, so a broken body throws and becomes a 500.</summary>
    ProblemDetailsAfterCrash,

    /// <summary>UseDeveloperExceptionPage in production; POST / parses JSON by hand and throws.</summary>
    DeveloperExceptionPage,

    /// <summary>Django with DEBUG = True: a debug 404 page and a traceback for the undecodable path.</summary>
    DjangoDebug,

    /// <summary>Express outside production: "Cannot GET" pages and body-parser's stack for broken JSON.</summary>
    ExpressDevelopment,

    /// <summary>Spring Boot JSON errors with server.error.include-stacktrace=always.</summary>
    SpringTrace,

    /// <summary>Plain-text "Not Found" and "Bad Request" from an API whose root answers JSON.</summary>
    PlainText,
}

public sealed partial record TargetBehaviour
{
    public ErrorStyle Errors { get; init; }
}
