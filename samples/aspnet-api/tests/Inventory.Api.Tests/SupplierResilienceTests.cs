using System.Net;
using Inventory.Api.Suppliers;

namespace Inventory.Api.Tests;

/// <summary>The supplier pipeline on a stub catalogue that answers from a script, one answer per attempt.</summary>
public class SupplierResilienceTests
{
    [Fact]
    public async Task A_busy_catalogue_is_retried_until_it_answers()
    {
        var catalogue = new ScriptedCatalogue(HttpStatusCode.ServiceUnavailable, HttpStatusCode.TooManyRequests, HttpStatusCode.OK);

        var response = await Send(catalogue);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, catalogue.Attempts);
    }

    [Fact]
    public async Task A_client_error_is_not_retried()
    {
        var catalogue = new ScriptedCatalogue(HttpStatusCode.NotFound, HttpStatusCode.OK);

        var response = await Send(catalogue);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(1, catalogue.Attempts);
    }

    private static async Task<HttpResponseMessage> Send(ScriptedCatalogue catalogue)
    {
        var handler = new ResilienceHandler(SupplierResilience.CreatePipeline(TimeProvider.System)) { InnerHandler = catalogue };
        using var client = new HttpClient(handler) { BaseAddress = new Uri("https://suppliers.test/") };
        return await client.GetAsync("v2/offers?sku=PALLET-120");
    }

    private sealed class ScriptedCatalogue(params HttpStatusCode[] answers) : HttpMessageHandler
    {
        public int Attempts { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(answers[Attempts++]));
    }
}
