using System.Security.Claims;
using Inventory.Api.Endpoints;
using Inventory.Api.Middleware;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace Inventory.Api.Tests;

public class MiddlewareTests
{
    [Fact]
    public async Task Well_formed_correlation_id_is_kept()
    {
        var context = new DefaultHttpContext();
        context.Request.Headers[CorrelationIdMiddleware.HeaderName] = "order-7731.retry_2";

        await new CorrelationIdMiddleware(_ => Task.CompletedTask, NullLogger<CorrelationIdMiddleware>.Instance).InvokeAsync(context);

        Assert.Equal("order-7731.retry_2", context.TraceIdentifier);
        Assert.Equal("order-7731.retry_2", context.Response.Headers[CorrelationIdMiddleware.HeaderName].ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("line\r\nbreak")]
    [InlineData("<script>")]
    public async Task Malformed_correlation_id_is_replaced(string incoming)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers[CorrelationIdMiddleware.HeaderName] = incoming;

        await new CorrelationIdMiddleware(_ => Task.CompletedTask, NullLogger<CorrelationIdMiddleware>.Instance).InvokeAsync(context);

        Assert.NotEqual(incoming, context.TraceIdentifier);
        Assert.Equal(32, context.TraceIdentifier.Length);
    }

    [Fact]
    public void Overlong_correlation_id_is_not_well_formed()
    {
        Assert.False(CorrelationIdMiddleware.IsWellFormed(new string('a', 65)));
        Assert.True(CorrelationIdMiddleware.IsWellFormed(new string('a', 64)));
    }

    [Fact]
    public async Task Security_headers_are_set()
    {
        var context = new DefaultHttpContext();

        await new SecurityHeadersMiddleware(_ => Task.CompletedTask).InvokeAsync(context);

        var headers = context.Response.Headers;
        Assert.Equal("nosniff", headers.XContentTypeOptions.ToString());
        Assert.Equal("DENY", headers.XFrameOptions.ToString());
        Assert.Equal("default-src 'none'; frame-ancestors 'none'", headers.ContentSecurityPolicy.ToString());
        Assert.Equal("no-referrer", headers["Referrer-Policy"].ToString());
    }

    [Theory]
    [InlineData("inventory:read inventory:write", ScopePolicies.Write, true)]
    [InlineData("inventory:read", ScopePolicies.Write, false)]
    [InlineData("inventory:readonly", ScopePolicies.Read, false)]
    public void Scope_claim_is_split_on_spaces(string scopeClaim, string required, bool expected)
    {
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim("scope", scopeClaim)], "Bearer"));

        Assert.Equal(expected, ScopePolicies.HasScope(user, required));
    }
}
