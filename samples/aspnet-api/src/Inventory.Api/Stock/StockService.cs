using System.Data;
using Inventory.Api.Data;
using Inventory.Api.Endpoints;
using Microsoft.EntityFrameworkCore;

namespace Inventory.Api.Stock;

public enum StockOutcome
{
    Done,
    NotFound,
    InsufficientStock,
}

public sealed record StockResult(StockOutcome Outcome, string? Problem = null)
{
    public static readonly StockResult Done = new(StockOutcome.Done);
}

/// <summary>Changes stock levels. Every change writes its level(s) and a movement atomically.</summary>
public sealed class StockService(InventoryDbContext db, TimeProvider clock, ILogger<StockService> logger)
{
    public Task<StockResult> TransferAsync(TransferRequest request, CancellationToken ct) =>
        InTransactionAsync(async () =>
        {
            var item = await db.Items.SingleOrDefaultAsync(i => i.Sku == request.Sku, ct);
            var from = await db.Warehouses.SingleOrDefaultAsync(w => w.Code == request.FromWarehouse, ct);
            var to = await db.Warehouses.SingleOrDefaultAsync(w => w.Code == request.ToWarehouse, ct);
            if (item is null || from is null || to is null)
            {
                return new StockResult(StockOutcome.NotFound, "Unknown item or warehouse.");
            }

            var source = await LevelAsync(item, from, ct);
            if (source.Quantity < request.Quantity)
            {
                return new StockResult(
                    StockOutcome.InsufficientStock,
                    $"{from.Code} holds {source.Quantity} of {item.Sku}; cannot move {request.Quantity}.");
            }

            var target = await LevelAsync(item, to, ct);
            source.Quantity -= request.Quantity;
            target.Quantity += request.Quantity;
            db.StockMovements.Add(new StockMovement
            {
                ItemId = item.Id,
                FromWarehouseId = from.Id,
                ToWarehouseId = to.Id,
                Quantity = request.Quantity,
                Reason = "transfer",
                Reference = request.Reference,
                OccurredAt = clock.GetUtcNow(),
            });

            logger.LogInformation(
                "Transferred {Quantity} x {Sku} from {From} to {To}", request.Quantity, item.Sku, from.Code, to.Code);
            return StockResult.Done;
        }, ct);

    public Task<StockResult> AdjustAsync(AdjustmentRequest request, CancellationToken ct) =>
        InTransactionAsync(async () =>
        {
            var item = await db.Items.SingleOrDefaultAsync(i => i.Sku == request.Sku, ct);
            var warehouse = await db.Warehouses.SingleOrDefaultAsync(w => w.Code == request.Warehouse, ct);
            if (item is null || warehouse is null)
            {
                return new StockResult(StockOutcome.NotFound, "Unknown item or warehouse.");
            }

            var level = await LevelAsync(item, warehouse, ct);
            if (level.Quantity + request.Delta < 0)
            {
                return new StockResult(
                    StockOutcome.InsufficientStock,
                    $"{warehouse.Code} holds {level.Quantity} of {item.Sku}; cannot remove {-request.Delta}.");
            }

            level.Quantity += request.Delta;
            db.StockMovements.Add(new StockMovement
            {
                ItemId = item.Id,
                FromWarehouseId = request.Delta < 0 ? warehouse.Id : null,
                ToWarehouseId = request.Delta > 0 ? warehouse.Id : null,
                Quantity = Math.Abs(request.Delta),
                Reason = request.Reason,
                OccurredAt = clock.GetUtcNow(),
            });
            return StockResult.Done;
        }, ct);

    /// <summary>
    /// Reads, checks and writes inside one serializable transaction, so two concurrent transfers cannot both
    /// spend the same stock. The execution strategy retries the whole unit on transient failures
    /// (including serialization conflicts), starting from a clean change tracker each time.
    /// </summary>
    private Task<StockResult> InTransactionAsync(Func<Task<StockResult>> work, CancellationToken ct)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.Serializable, ct);
            var result = await work();
            if (result.Outcome != StockOutcome.Done)
            {
                await transaction.RollbackAsync(ct);
                return result;
            }

            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return result;
        });
    }

    private async Task<StockLevel> LevelAsync(Item item, Warehouse warehouse, CancellationToken ct)
    {
        var level = await db.StockLevels.SingleOrDefaultAsync(
            s => s.ItemId == item.Id && s.WarehouseId == warehouse.Id, ct);
        if (level is null)
        {
            level = new StockLevel { ItemId = item.Id, WarehouseId = warehouse.Id, Quantity = 0 };
            db.StockLevels.Add(level);
        }
        return level;
    }
}
