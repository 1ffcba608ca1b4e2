using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ProdReady.Server.Auth;
using ProdReady.Server.Store;

namespace ProdReady.Server.Api;

/// <summary>Key management over the API, for an `admin` key: the same operations as `prodready keys`.</summary>
public static class KeyEndpoints
{
    public sealed record CreateKeyBody(string? Name, IReadOnlyList<string>? Scopes, DateTimeOffset? ExpiresAt);

    /// <summary>The only response that ever carries a key: the one that created it.</summary>
    public sealed record CreatedKey(string Key, ApiKeyView Record);

    /// <summary>A key's record as the API shows it: never its salt or hash.</summary>
    public sealed record ApiKeyView(string Name, string Prefix, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt)
    {
        public static ApiKeyView Of(ApiKeyRecord key) => new(key.Name, key.Prefix, key.Scopes, key.CreatedAt, key.ExpiresAt, key.LastUsedAt, key.RevokedAt);
    }

    public static void Map(RouteGroupBuilder api)
    {
        var keys = api.MapGroup("/keys").RequireAuthorization(KeyScopes.Admin);
        keys.MapGet("", ListAsync).WithName("listKeys").WithSummary("Every key, revoked ones included (never the keys themselves)")
            .Produces<IReadOnlyList<ApiKeyView>>();
        keys.MapPost("", CreateAsync).WithName("createKey").WithSummary("Create a key; the response is the only time the key is shown")
            .Accepts<CreateKeyBody>("application/json") // routing answers any other content type with 415
            .Produces<CreatedKey>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);
        keys.MapDelete("/{name}", RevokeAsync).WithName("revokeKey").WithSummary("Revoke a key; it stops working at its next request")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> ListAsync(PortfolioStore store, CancellationToken cancel) =>
        TypedResults.Ok((await store.KeysAsync(cancel)).Select(ApiKeyView.Of).ToList());

    private static async Task<IResult> CreateAsync(HttpContext http, PortfolioStore store, TimeProvider clock, CancellationToken cancel)
    {
        CreateKeyBody? body;
        try
        {
            body = await http.Request.ReadFromJsonAsync<CreateKeyBody>(cancel);
        }
        catch (JsonException malformed)
        {
            return Problems.Invalid(malformed.Path is ['$', '.', .. var field] ? field : "$", $"not valid JSON (line {malformed.LineNumber + 1}); expected {{\"name\": ..., \"scopes\": [...], \"expiresAt\": ...}}");
        }
        if (body is null || string.IsNullOrEmpty(body.Name))
        {
            return Problems.Invalid("name", "missing: name the key after who uses it (e.g. ci-payments)");
        }
        var request = new KeyRequest(body.Name, string.Join(' ', body.Scopes ?? []), body.ExpiresAt);
        if (request.Check(clock.GetUtcNow(), out var scopes) is { } problem)
        {
            return Problems.Invalid(problem.Field, problem.Message);
        }
        if (await store.CreateKeyAsync(body.Name, scopes, body.ExpiresAt, cancel) is not { } created)
        {
            return Problems.Result(StatusCodes.Status409Conflict, "Key exists", $"a key named '{body.Name}' exists (names are never reused, revoked keys included)");
        }
        return TypedResults.Created($"/api/v1/keys/{created.Record.Name}", new CreatedKey(created.Issued.Key, ApiKeyView.Of(created.Record)));
    }

    private static async Task<IResult> RevokeAsync(string name, PortfolioStore store, CancellationToken cancel) =>
        await store.RevokeKeyAsync(name, cancel) ? TypedResults.NoContent() : Problems.NotFound($"no active key named '{name}'");
}
