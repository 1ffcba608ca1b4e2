using Microsoft.AspNetCore.Authorization;

namespace ProdReady.Server.Auth;

/// <summary>The three things a caller may be allowed to do, as authorization policies named after their scope.</summary>
public static class AccessPolicies
{
    public static void Add(AuthorizationOptions options, bool publicRead)
    {
        options.AddPolicy(KeyScopes.Read, policy => policy.RequireAssertion(context => publicRead || Allows(context, KeyScopes.Read)));
        options.AddPolicy(KeyScopes.Write, policy => policy.RequireAssertion(context => Allows(context, KeyScopes.Write)));
        options.AddPolicy(KeyScopes.Admin, policy => policy.RequireAssertion(context => Allows(context, KeyScopes.Admin)));
    }

    private static bool Allows(AuthorizationHandlerContext context, string scope) =>
        context.User.Identity?.IsAuthenticated == true
        && KeyScopes.Allows([.. context.User.FindAll(ApiKeyAuthentication.ScopeClaim).Select(claim => claim.Value)], scope);
}
