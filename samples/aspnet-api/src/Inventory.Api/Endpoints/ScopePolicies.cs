using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace Inventory.Api.Endpoints;

/// <summary>Authorization policies backed by the OAuth scopes in the access token.</summary>
public static class ScopePolicies
{
    public const string Read = "inventory:read";
    public const string Write = "inventory:write";

    public static readonly AuthorizationPolicy AuthenticatedUser =
        new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();

    public static AuthorizationBuilder AddScopePolicies(this AuthorizationBuilder builder) => builder
        .AddPolicy(Read, policy => policy.RequireAuthenticatedUser().RequireAssertion(c => HasScope(c.User, Read)))
        .AddPolicy(Write, policy => policy.RequireAuthenticatedUser().RequireAssertion(c => HasScope(c.User, Write)));

    /// <summary>The "scope" claim is one space-separated string (RFC 8693).</summary>
    public static bool HasScope(ClaimsPrincipal user, string scope) =>
        user.FindAll("scope").Any(claim => claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(scope));
}
