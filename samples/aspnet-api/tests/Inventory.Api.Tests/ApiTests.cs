using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Inventory.Api.Tests;

/// <summary>Runs the real pipeline in memory. None of these requests reaches the database.</summary>
public class ApiTests(WebApplicationFactory<Program> factory) : IClassFixture<WebApplicationFactory<Program>>
{
    [Fact]
    public async Task Liveness_is_anonymous_and_carries_security_headers()
    {
        var response = await factory.CreateClient().GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal(32, Assert.Single(response.Headers.GetValues("X-Correlation-Id")).Length);
    }

    [Fact]
    public async Task Api_requires_a_bearer_token()
    {
        var response = await factory.CreateClient().GetAsync("/api/items");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
    }

    [Fact]
    public async Task Caller_correlation_id_is_echoed()
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Correlation-Id", "checkout-5521");

        var response = await client.GetAsync("/health/live");

        Assert.Equal("checkout-5521", Assert.Single(response.Headers.GetValues("X-Correlation-Id")));
    }

    [Fact]
    public async Task Cors_preflight_from_an_unknown_origin_is_not_allowed()
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/api/items");
        request.Headers.Add("Origin", "https://evil.example");
        request.Headers.Add("Access-Control-Request-Method", "GET");

        var response = await factory.CreateClient().SendAsync(request);

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }
}
