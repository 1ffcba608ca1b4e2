using Inventory.Api.Stock;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Inventory.Api.Endpoints;

public static class StockEndpoints
{
    public static RouteGroupBuilder MapStockEndpoints(this IEndpointRouteBuilder routes)
    {
        var stock = routes.MapGroup("/api/stock").WithTags("Stock").RequireAuthorization(ScopePolicies.Write);

        stock.MapPost("/transfers", async (TransferRequest request, StockService service, CancellationToken ct) =>
                ToHttpResult(await service.TransferAsync(request, ct)))
            .AddEndpointFilter<ValidationFilter<TransferRequest>>();

        stock.MapPost("/adjustments", async (AdjustmentRequest request, StockService service, CancellationToken ct) =>
                ToHttpResult(await service.AdjustAsync(request, ct)))
            .AddEndpointFilter<ValidationFilter<AdjustmentRequest>>();

        return stock;
    }

    private static Results<NoContent, ProblemHttpResult> ToHttpResult(StockResult result) => result.Outcome switch
    {
        StockOutcome.Done => TypedResults.NoContent(),
        StockOutcome.NotFound => TypedResults.Problem(result.Problem, statusCode: StatusCodes.Status404NotFound),
        _ => TypedResults.Problem(result.Problem, statusCode: StatusCodes.Status409Conflict),
    };
}
