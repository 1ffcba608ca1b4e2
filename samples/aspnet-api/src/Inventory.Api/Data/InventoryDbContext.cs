using Microsoft.EntityFrameworkCore;

namespace Inventory.Api.Data;

public sealed class InventoryDbContext(DbContextOptions<InventoryDbContext> options) : DbContext(options)
{
    public DbSet<Warehouse> Warehouses => Set<Warehouse>();
    public DbSet<Item> Items => Set<Item>();
    public DbSet<StockLevel> StockLevels => Set<StockLevel>();
    public DbSet<StockMovement> StockMovements => Set<StockMovement>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Warehouse>(warehouse =>
        {
            warehouse.Property(w => w.Code).HasMaxLength(16);
            warehouse.Property(w => w.Name).HasMaxLength(200);
            warehouse.HasIndex(w => w.Code).IsUnique();
        });

        modelBuilder.Entity<Item>(item =>
        {
            item.Property(i => i.Sku).HasMaxLength(64);
            item.Property(i => i.Name).HasMaxLength(200);
            item.Property(i => i.Description).HasMaxLength(2000);
            item.HasIndex(i => i.Sku).IsUnique();
        });

        modelBuilder.Entity<StockLevel>(level =>
        {
            level.HasKey(s => new { s.ItemId, s.WarehouseId });
            level.ToTable(table => table.HasCheckConstraint("CK_StockLevels_Quantity_NonNegative", "\"Quantity\" >= 0"));
        });

        modelBuilder.Entity<StockMovement>(movement =>
        {
            movement.Property(m => m.Reason).HasMaxLength(32);
            movement.Property(m => m.Reference).HasMaxLength(128);
            movement.HasOne<Item>().WithMany().HasForeignKey(m => m.ItemId);
            movement.HasIndex(m => new { m.ItemId, m.OccurredAt });
        });
    }
}
