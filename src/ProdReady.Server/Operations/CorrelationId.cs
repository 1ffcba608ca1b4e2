using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace ProdReady.Server.Operations;

/// <summary>
/// The id that ties a request's log lines, its response and its problem+json together. A caller's
/// `X-Correlation-Id` is kept when it is short and made of safe characters (so it cannot forge log lines or
/// headers); otherwise the server makes one.
/// </summary>
public static partial class CorrelationId
{
    public const string Header = "X-Correlation-Id";

    private static readonly object ItemKey = new();

    /// <summary>The caller's id when it is acceptable, else a new one (time-ordered, 32 hex digits).</summary>
    public static string Accept(string? incoming) =>
        incoming is not null && Safe().IsMatch(incoming) ? incoming : Guid.CreateVersion7().ToString("N");

    public static void Set(HttpContext context, string id) => context.Items[ItemKey] = id;

    /// <summary>The request's id; null outside a request that went through the server's pipeline.</summary>
    public static string? Of(HttpContext context) => context.Items.TryGetValue(ItemKey, out var id) ? id as string : null;

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,64}$", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex Safe();
}
