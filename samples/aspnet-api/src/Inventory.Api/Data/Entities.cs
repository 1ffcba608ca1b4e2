namespace Inventory.Api.Data;

public sealed class Warehouse
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
}

public sealed class Item
{
    public int Id { get; set; }
    public required string Sku { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>How many units of an item one warehouse holds.</summary>
public sealed class StockLevel
{
    public int ItemId { get; set; }
    public int WarehouseId { get; set; }
    public int Quantity { get; set; }

    public Item Item { get; set; } = null!;
    public Warehouse Warehouse { get; set; } = null!;
}

/// <summary>Append-only record of every change to a stock level.</summary>
public sealed class StockMovement
{
    public long Id { get; set; }
    public int ItemId { get; set; }
    public int? FromWarehouseId { get; set; }
    public int? ToWarehouseId { get; set; }
    public int Quantity { get; set; }
    public required string Reason { get; set; }
    public string? Reference { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
}
