using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ProdReady.Server.Api;

namespace ProdReady.Server.Auth;

/// <summary>`Authorization: Bearer prk_...`: the API's authentication. A missing header is anonymous; a wrong key is a 401.</summary>
public sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, KeyVerifier verifier)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string ScopeClaim = "scope";

    private const string Bearer = "Bearer ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (header.Length == 0)
        {
            return AuthenticateResult.NoResult();
        }
        if (!header.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.Fail("the Authorization header is not `Bearer <key>`");
        }
        var key = await verifier.VerifyAsync(header[Bearer.Length..].Trim(), Context.RequestAborted);
        if (key is null)
        {
            // One message for unknown, wrong, revoked and expired keys: a caller learns nothing about which.
            return AuthenticateResult.Fail("the API key is not valid (unknown, revoked or expired)");
        }
        return AuthenticateResult.Success(new AuthenticationTicket(Principal(key), SchemeName));
    }

    /// <summary>Who a key is, as claims: its id, its name and one claim per scope.</summary>
    public static ClaimsPrincipal Principal(Store.ApiKeyRecord key, string scheme = SchemeName) => new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, key.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new Claim(ClaimTypes.Name, key.Name),
            .. key.Scopes.Select(scope => new Claim(ScopeClaim, scope)),
        ],
        scheme));

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        var failure = (await HandleAuthenticateOnceSafeAsync()).Failure?.Message;
        await Problems.Write(Context, StatusCodes.Status401Unauthorized, "Authentication required",
            failure ?? "send an API key as `Authorization: Bearer <key>` (create one with `prodready keys create`)");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.Write(Context, StatusCodes.Status403Forbidden, "Not allowed", "this key's scopes do not allow this request");
}
