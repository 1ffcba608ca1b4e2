using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ProdReady.Server.Auth;
using ProdReady.Server.Store;

namespace ProdReady.Server.Api;

/// <summary>Webhook deliveries that gave up (dead letters), for an `admin` key: listed, and sent again on request.</summary>
public static class WebhookEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var deadLetters = api.MapGroup("/webhooks/dead-letters").RequireAuthorization(KeyScopes.Admin);
        deadLetters.MapGet("", ListAsync).WithName("listDeadLetters")
            .WithSummary("Deliveries parked after their last attempt failed, newest first, with the last error")
            .Produces<IReadOnlyList<DeadLetter>>();
        deadLetters.MapPost("/{id:long}/resend", ResendAsync).WithName("resendDeadLetter")
            .WithSummary("Queue a dead letter again: the dispatcher sends it with the same body and delivery id, with a fresh set of attempts")
            .Produces(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> ListAsync(PortfolioStore store, CancellationToken cancel) => TypedResults.Ok(await store.DeadLettersAsync(cancel));

    private static async Task<IResult> ResendAsync(long id, PortfolioStore store, CancellationToken cancel) =>
        await store.ResendDeadLetterAsync(id, cancel) ? TypedResults.Accepted((string?)null) : Problems.NotFound($"no dead letter {id}");
}
