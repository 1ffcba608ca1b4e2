using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ProdReady.Server.Api;
using ProdReady.Server.Auth;
using ProdReady.Server.Store;

namespace ProdReady.Server.Dashboard;

/// <summary>
/// The dashboard's sign-in session: a cookie issued for a key with the read scope (or admin), whose key is read
/// from the store again on every request, so revoking or expiring the key ends the session at once. Only the
/// dashboard's pages accept the cookie; the API authenticates bearer keys alone, so a session can never push or
/// administer. Forms carry an antiforgery token.
/// </summary>
public static class DashboardSession
{
    public const string Scheme = "DashboardSession";
    public const string CookieName = "prodready_session";
    public const string AntiforgeryCookieName = "prodready_antiforgery";
    public const string SignInPath = "/signin";
    public const string ReturnParameter = "return";

    /// <summary>What a dashboard page requires: the `read` policy (so public read applies), judged by the session cookie alone.</summary>
    public static AuthorizeAttribute ReadPolicy { get; } = new(KeyScopes.Read) { AuthenticationSchemes = Scheme };

    /// <summary>What an operator's page requires: a session signed in with an `admin` key (public read does not open it).</summary>
    public static AuthorizeAttribute AdminPolicy { get; } = new(KeyScopes.Admin) { AuthenticationSchemes = Scheme };

    public static void Add(WebApplicationBuilder builder, ServerSettings settings)
    {
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName("prodready-server");
        if (settings.SessionKeysFolder is { } folder)
        {
            // On disk next to the database, in a folder only the server's account may open (when the server creates it):
            // whoever can read it could forge sessions, but could read the portfolio in the database as well. Encrypting
            // the keys would need yet another secret kept beside them, so Data Protection's warning about unencrypted
            // keys is filtered out below rather than logged at every start.
            dataProtection.PersistKeysToFileSystem(OperatingSystem.IsWindows()
                ? Directory.CreateDirectory(folder)
                : Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute));
        }
        else
        {
            dataProtection.UseEphemeralDataProtectionProvider();
        }
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);

        builder.Services.AddAuthentication().AddCookie(Scheme, options =>
        {
            options.Cookie.Name = CookieName;
            options.Cookie.HttpOnly = true;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
            options.LoginPath = SignInPath;
            options.AccessDeniedPath = SignInPath;
            options.ReturnUrlParameter = ReturnParameter;
            options.Events.OnValidatePrincipal = ValidateAsync;
        });
        builder.Services.AddAntiforgery(options =>
        {
            options.Cookie.Name = AntiforgeryCookieName;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.Cookie.SameSite = SameSiteMode.Strict;
            // The pages' own policy says frame-ancestors 'none', which is stricter than the SAMEORIGIN this would add.
            options.SuppressXFrameOptionsHeader = true;
        });
    }

    /// <summary>A key still exists, is neither revoked nor expired and may read; otherwise the session ends.</summary>
    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var id = context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        var key = long.TryParse(id, System.Globalization.CultureInfo.InvariantCulture, out var keyId)
            ? await services.GetRequiredService<PortfolioStore>().KeyAsync(keyId, context.HttpContext.RequestAborted)
            : null;
        if (key is null || !key.IsActiveAt(services.GetRequiredService<TimeProvider>().GetUtcNow()) || !KeyScopes.Allows(key.Scopes, KeyScopes.Read))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Scheme);
        }
    }

    /// <summary>Starts a session for <paramref name="key"/>, with the claims the API gives the same key.</summary>
    public static Task SignInAsync(HttpContext http, ApiKeyRecord key) =>
        http.SignInAsync(Scheme, ApiKeyAuthentication.Principal(key, Scheme));

    public static Task SignOutAsync(HttpContext http) => http.SignOutAsync(Scheme);

    /// <summary>Null for a form post; else 415 problem+json: only browsers post here, and a program gets an answer it can read.</summary>
    public static IResult? NotAForm(HttpContext http) => http.Request.HasFormContentType
        ? null
        : Problems.Result(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "this page takes a form post (application/x-www-form-urlencoded)");

    /// <summary>Whether a form post carries this site's antiforgery token.</summary>
    public static Task<bool> IsFormGenuineAsync(HttpContext http) =>
        http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http);

    /// <summary>The token to put in a form's hidden field (and its cookie, set on the response if missing).</summary>
    public static AntiforgeryTokenSet FormToken(HttpContext http) =>
        http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http);

    /// <summary>
    /// <paramref name="target"/> when it is a path on this site, else the portfolio: never another host, so a link to
    /// /signin?return=... cannot send a person elsewhere after signing in.
    /// </summary>
    public static string LocalReturn(string? target) =>
        target is ['/', ..] and not ['/', '/', ..] && !target.Any(c => char.IsControl(c) || c == '\\')
            ? target
            : "/";
}
