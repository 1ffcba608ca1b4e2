using Inventory.Api.Data;
using Inventory.Api.Endpoints;
using Inventory.Api.Stock;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Inventory.Api.Tests;

/// <summary>Runs against SQLite in memory, which supports real transactions (the EF in-memory provider does not).</summary>
public sealed class StockServiceTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2024, 6, 3, 8, 30, 0, TimeSpan.Zero);

    private readonly SqliteConnection _connection = new("Data Source=:memory:");
    private readonly InventoryDbContext _db;
    private readonly StockService _service;

    public StockServiceTests()
    {
        _connection.Open();
        _db = new InventoryDbContext(new DbContextOptionsBuilder<InventoryDbContext>().UseSqlite(_connection).Options);
        _db.Database.EnsureCreated();

        var pallet = new Item { Sku = "PALLET-120", Name = "Euro pallet", CreatedAt = Now };
        var amsterdam = new Warehouse { Code = "AMS1", Name = "Amsterdam" };
        var rotterdam = new Warehouse { Code = "RTM2", Name = "Rotterdam" };
        _db.AddRange(pallet, amsterdam, rotterdam);
        _db.StockLevels.Add(new StockLevel { Item = pallet, Warehouse = amsterdam, Quantity = 40 });
        _db.SaveChanges();

        _service = new StockService(_db, new FixedClock(Now), NullLogger<StockService>.Instance);
    }

    [Fact]
    public async Task Transfer_moves_stock_and_records_one_movement()
    {
        var result = await _service.TransferAsync(new TransferRequest("PALLET-120", "AMS1", "RTM2", 15, "PO-7731"), default);

        Assert.Equal(StockOutcome.Done, result.Outcome);
        Assert.Equal(new[] { ("AMS1", 25), ("RTM2", 15) }, await LevelsAsync());
        var movement = Assert.Single(await _db.StockMovements.AsNoTracking().ToListAsync());
        Assert.Equal(("transfer", 15, "PO-7731", Now), (movement.Reason, movement.Quantity, movement.Reference, movement.OccurredAt));
    }

    [Fact]
    public async Task Transfer_of_more_than_is_held_changes_nothing()
    {
        var result = await _service.TransferAsync(new TransferRequest("PALLET-120", "AMS1", "RTM2", 41, null), default);

        Assert.Equal(StockOutcome.InsufficientStock, result.Outcome);
        Assert.Equal("AMS1 holds 40 of PALLET-120; cannot move 41.", result.Problem);
        Assert.Equal(new[] { ("AMS1", 40) }, await LevelsAsync());
        Assert.Empty(await _db.StockMovements.AsNoTracking().ToListAsync());
    }

    [Fact]
    public async Task Transfer_from_an_unknown_warehouse_is_not_found()
    {
        var result = await _service.TransferAsync(new TransferRequest("PALLET-120", "BER9", "RTM2", 1, null), default);

        Assert.Equal(StockOutcome.NotFound, result.Outcome);
    }

    [Fact]
    public async Task Negative_adjustment_below_zero_is_refused()
    {
        var result = await _service.AdjustAsync(new AdjustmentRequest("PALLET-120", "AMS1", -41, "damage"), default);

        Assert.Equal(StockOutcome.InsufficientStock, result.Outcome);
        Assert.Equal(new[] { ("AMS1", 40) }, await LevelsAsync());
    }

    [Fact]
    public async Task Adjustment_records_the_reason()
    {
        await _service.AdjustAsync(new AdjustmentRequest("PALLET-120", "AMS1", -2, "damage"), default);

        Assert.Equal(new[] { ("AMS1", 38) }, await LevelsAsync());
        var movement = Assert.Single(await _db.StockMovements.AsNoTracking().ToListAsync());
        Assert.Equal(("damage", 2), (movement.Reason, movement.Quantity));
    }

    public void Dispose()
    {
        _db.Dispose();
        _connection.Dispose();
    }

    private async Task<(string, int)[]> LevelsAsync() =>
        (await _db.StockLevels.AsNoTracking()
            .Where(s => s.Quantity > 0)
            .Select(s => new { s.Warehouse.Code, s.Quantity })
            .ToListAsync())
        .OrderBy(s => s.Code)
        .Select(s => (s.Code, s.Quantity))
        .ToArray();

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
