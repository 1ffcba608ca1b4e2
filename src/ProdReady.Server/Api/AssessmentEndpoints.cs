using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ProdReady.Server.Auth;
using ProdReady.Server.Store;

namespace ProdReady.Server.Api;

/// <summary>Pushing an assessment (CI, with an `assessments:write` key) and reading one back.</summary>
public static class AssessmentEndpoints
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>What a push returns: where the assessment is, and whether this push stored it or an earlier one did.</summary>
    public sealed record PushResponse(long Id, string Service, string Outcome, string Location);

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/assessments", PushAsync).RequireAuthorization(KeyScopes.Write)
            .WithName("pushAssessment")
            .WithSummary("Store an assessment (the JSON of `prodready scan --json`); the same document for the same service and commit is stored once")
            .Accepts<object>("application/json") // routing answers any other content type with 415
            .Produces<PushResponse>(StatusCodes.Status201Created)
            .Produces<PushResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        api.MapGet("/assessments/{id:long}", DocumentAsync).RequireAuthorization(KeyScopes.Read)
            .WithName("getAssessment")
            .WithSummary("An assessment's document, byte for byte as it was pushed")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> PushAsync(HttpContext http, PortfolioStore store, string? service, string? repo, CancellationToken cancel)
    {
        string body;
        try
        {
            using var reader = new StreamReader(http.Request.Body, StrictUtf8);
            body = await reader.ReadToEndAsync(cancel);
        }
        catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Problems.Result(StatusCodes.Status413PayloadTooLarge, "Assessment too large", tooLarge.Message);
        }
        catch (DecoderFallbackException)
        {
            return Problems.Invalid("$", "the body is not valid UTF-8");
        }
        var result = await store.IngestAsync(body, service, repo, cancel);
        if (result.Problem is { } problem)
        {
            return Problems.Invalid(problem.Field, problem.Message);
        }
        var id = result.AssessmentId!.Value;
        var name = string.IsNullOrWhiteSpace(service) ? ServiceDeclaration.Read(body).Name! : service;
        var location = $"{http.Request.PathBase}/api/v1/assessments/{id}";
        return result.Outcome == IngestOutcome.Stored
            ? TypedResults.Created(location, new PushResponse(id, name, "stored", location))
            : TypedResults.Ok(new PushResponse(id, name, "already-stored", location));
    }

    private static async Task<IResult> DocumentAsync(long id, PortfolioStore store, CancellationToken cancel) =>
        await store.DocumentAsync(id, cancel) is { } document
            ? TypedResults.Text(document, "application/json", Encoding.UTF8)
            : Problems.NotFound($"no assessment {id}");
}
