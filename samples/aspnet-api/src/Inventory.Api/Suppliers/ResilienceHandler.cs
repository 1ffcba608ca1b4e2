using Polly;

namespace Inventory.Api.Suppliers;

/// <summary>Sends each request through a resilience pipeline (see <see cref="SupplierResilience"/>).</summary>
public sealed class ResilienceHandler(ResiliencePipeline<HttpResponseMessage> pipeline) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        await pipeline.ExecuteAsync(async attempt => await base.SendAsync(request, attempt), cancellationToken);
}
