namespace Inventory.Api.Endpoints;

public sealed record CreateItemRequest(string Sku, string Name, string? Description);

public sealed record ItemResponse(string Sku, string Name, string? Description, DateTimeOffset CreatedAt);

public sealed record StockLevelResponse(string Warehouse, int Quantity);

public sealed record TransferRequest(string Sku, string FromWarehouse, string ToWarehouse, int Quantity, string? Reference);

public sealed record AdjustmentRequest(string Sku, string Warehouse, int Delta, string Reason);
