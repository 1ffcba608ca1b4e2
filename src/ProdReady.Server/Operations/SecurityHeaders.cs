using Microsoft.AspNetCore.Http;

namespace ProdReady.Server.Operations;

/// <summary>
/// The headers every response carries, API, dashboard and errors alike (what `prodready probe` checks). A response
/// that sets its own Content-Security-Policy or Cache-Control keeps it; the defaults deny everything, which suits
/// JSON.
/// </summary>
public static class SecurityHeaders
{
    public const string DefaultPolicy = "default-src 'none'; frame-ancestors 'none'";

    /// <summary>A year, with subdomains: sent only over https, where a browser takes it into account.</summary>
    public const string TransportSecurity = "max-age=31536000; includeSubDomains";

    public static void Apply(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XFrameOptions = "DENY";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
        if (headers.ContentSecurityPolicy.Count == 0)
        {
            headers.ContentSecurityPolicy = DefaultPolicy;
        }
        // API answers are per key and change with every push: no cache, shared or private, may keep them.
        if (headers.CacheControl.Count == 0)
        {
            headers.CacheControl = "no-store";
        }
        if (context.Request.IsHttps)
        {
            headers.StrictTransportSecurity = TransportSecurity;
        }
    }
}
