using Microsoft.AspNetCore.Http;

namespace ProdReady.Server.Api;

/// <summary>Errors as RFC 9457 problem+json; a validation problem names the field at fault in `field`.</summary>
public static class Problems
{
    public static IResult Result(int status, string title, string detail, string? field = null) =>
        TypedResults.Problem(detail, statusCode: status, title: title, extensions: field is null ? null : new Dictionary<string, object?> { ["field"] = field });

    public static Task Write(HttpContext context, int status, string title, string detail, string? field = null) =>
        Result(status, title, detail, field).ExecuteAsync(context);

    public static IResult Invalid(string field, string detail) => Result(StatusCodes.Status400BadRequest, "Invalid request", detail, field);

    public static IResult NotFound(string detail) => Result(StatusCodes.Status404NotFound, "Not found", detail);
}
