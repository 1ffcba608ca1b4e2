namespace Inventory.Api.Suppliers;

public sealed record SupplierOffer(string Supplier, decimal UnitPrice, string Currency, int LeadTimeDays);

/// <summary>
/// Reads offers from the supplier catalogue. Timeouts, retries with backoff and the circuit breaker come from
/// the <see cref="ResilienceHandler"/> registered in Program.cs.
/// </summary>
public sealed class SupplierClient(HttpClient http)
{
    public async Task<IReadOnlyList<SupplierOffer>> GetOffersAsync(string sku, CancellationToken ct)
    {
        var offers = await http.GetFromJsonAsync<List<SupplierOffer>>(
            $"v2/offers?sku={Uri.EscapeDataString(sku)}", ct);
        return offers ?? [];
    }
}
