using Inventory.Api.Data;
using Inventory.Api.Suppliers;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Inventory.Api.Endpoints;

public static class ItemEndpoints
{
    private const int MaxPageSize = 200;

    public static RouteGroupBuilder MapItemEndpoints(this IEndpointRouteBuilder routes)
    {
        var items = routes.MapGroup("/api/items").WithTags("Items");

        items.MapGet("/", ListItems).RequireAuthorization(ScopePolicies.Read);
        items.MapGet("/{sku}", GetItem).RequireAuthorization(ScopePolicies.Read);
        items.MapGet("/{sku}/stock", GetStock).RequireAuthorization(ScopePolicies.Read);
        items.MapGet("/{sku}/supplier-offers", GetSupplierOffers).RequireAuthorization(ScopePolicies.Read);
        items.MapPost("/", CreateItem)
            .RequireAuthorization(ScopePolicies.Write)
            .AddEndpointFilter<ValidationFilter<CreateItemRequest>>();

        return items;
    }

    private static async Task<Ok<List<ItemResponse>>> ListItems(
        InventoryDbContext db, CancellationToken ct, int page = 1, int pageSize = 50)
    {
        page = Math.Max(page, 1);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        var items = await db.Items.AsNoTracking()
            .OrderBy(i => i.Sku)
            .Skip((page - 1) * pageSize)
            .Take(pageSize)
            .Select(i => new ItemResponse(i.Sku, i.Name, i.Description, i.CreatedAt))
            .ToListAsync(ct);
        return TypedResults.Ok(items);
    }

    private static async Task<Results<Ok<ItemResponse>, NotFound>> GetItem(
        string sku, InventoryDbContext db, CancellationToken ct)
    {
        var item = await db.Items.AsNoTracking().SingleOrDefaultAsync(i => i.Sku == sku, ct);
        return item is null
            ? TypedResults.NotFound()
            : TypedResults.Ok(new ItemResponse(item.Sku, item.Name, item.Description, item.CreatedAt));
    }

    private static async Task<Results<Ok<List<StockLevelResponse>>, NotFound>> GetStock(
        string sku, InventoryDbContext db, CancellationToken ct)
    {
        if (!await db.Items.AnyAsync(i => i.Sku == sku, ct))
        {
            return TypedResults.NotFound();
        }

        var levels = await db.StockLevels.AsNoTracking()
            .Where(s => s.Item.Sku == sku)
            .OrderBy(s => s.Warehouse.Code)
            .Select(s => new StockLevelResponse(s.Warehouse.Code, s.Quantity))
            .ToListAsync(ct);
        return TypedResults.Ok(levels);
    }

    private static async Task<Results<Created<ItemResponse>, ProblemHttpResult>> CreateItem(
        CreateItemRequest request, InventoryDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (await db.Items.AnyAsync(i => i.Sku == request.Sku, ct))
        {
            return TypedResults.Problem($"Item {request.Sku} already exists.", statusCode: StatusCodes.Status409Conflict);
        }

        var item = new Item
        {
            Sku = request.Sku,
            Name = request.Name,
            Description = request.Description,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Items.Add(item);
        await db.SaveChangesAsync(ct);

        return TypedResults.Created(
            $"/api/items/{item.Sku}", new ItemResponse(item.Sku, item.Name, item.Description, item.CreatedAt));
    }

    private static async Task<Results<Ok<IReadOnlyList<SupplierOffer>>, ProblemHttpResult>> GetSupplierOffers(
        string sku, SupplierClient suppliers, ILogger<SupplierClient> logger, CancellationToken ct)
    {
        try
        {
            return TypedResults.Ok(await suppliers.GetOffersAsync(sku, ct));
        }
        catch (Exception ex) when (ex is HttpRequestException or BrokenCircuitException or TimeoutRejectedException)
        {
            logger.LogWarning(ex, "Supplier catalogue unavailable for {Sku}", sku);
            return TypedResults.Problem(
                "The supplier catalogue is unavailable; try again later.",
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
