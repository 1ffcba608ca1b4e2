using Inventory.Api.Endpoints;

namespace Inventory.Api.Tests;

public class ValidatorTests
{
    [Theory]
    [InlineData("PALLET-120", true)]
    [InlineData("pallet-120", false)]
    [InlineData("-PALLET", false)]
    [InlineData("", false)]
    public void Sku_format_is_enforced(string sku, bool valid)
    {
        var result = new CreateItemRequestValidator().Validate(new CreateItemRequest(sku, "Euro pallet", null));

        Assert.Equal(valid, result.IsValid);
    }

    [Fact]
    public void Transfer_to_the_same_warehouse_is_rejected()
    {
        var result = new TransferRequestValidator().Validate(new TransferRequest("PALLET-120", "AMS1", "AMS1", 5, null));

        var error = Assert.Single(result.Errors);
        Assert.Equal(nameof(TransferRequest.ToWarehouse), error.PropertyName);
        Assert.Equal("Source and destination warehouses must differ.", error.ErrorMessage);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    [InlineData(100_001)]
    public void Transfer_quantity_must_be_positive_and_bounded(int quantity)
    {
        var result = new TransferRequestValidator().Validate(new TransferRequest("PALLET-120", "AMS1", "RTM2", quantity, null));

        Assert.Equal(nameof(TransferRequest.Quantity), Assert.Single(result.Errors).PropertyName);
    }

    [Fact]
    public void Adjustment_reason_must_be_known()
    {
        var result = new AdjustmentRequestValidator().Validate(new AdjustmentRequest("PALLET-120", "AMS1", -2, "lost"));

        var error = Assert.Single(result.Errors);
        Assert.Equal("Reason must be one of: count, damage, return.", error.ErrorMessage);
    }
}
