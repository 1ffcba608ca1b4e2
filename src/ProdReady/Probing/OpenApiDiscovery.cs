using System.Globalization;
using System.Text.RegularExpressions;

namespace ProdReady.Probing;

/// <summary>
/// The target's OpenAPI document: the one given with --openapi (a path on the target, a URL on the same host, or a
/// local file), else the first found at the conventional paths. Looked for once per run (see
/// <see cref="ProbeContext.OpenApi"/>); when there is none, <see cref="Problem"/> says why.
/// </summary>
public sealed partial record OpenApiDiscovery
{
    /// <summary>Where frameworks publish the document, most common first; the search stops at the first found.</summary>
    public static readonly IReadOnlyList<string> WellKnownPaths =
    [
        "/openapi.json", "/openapi/v1.json", "/swagger/v1/swagger.json", "/swagger.json", "/v3/api-docs", "/v2/api-docs",
        "/openapi.yaml", "/api-docs", "/docs/openapi.json", "/api/openapi.json",
    ];

    /// <summary>A local file larger than this is not read: no real API description comes near it.</summary>
    private const long MaxFileBytes = 16 * 1024 * 1024;

    public OpenApiDocument? Document { get; init; }

    /// <summary>Where the document was read: a path on the target, or the local file given.</summary>
    public string? Source { get; init; }

    /// <summary>The answer that served the document, when it came from the target.</summary>
    public ProbeExchange? Exchange { get; init; }

    /// <summary>Why there is no document: none found, another host, too large, unreadable (with the line).</summary>
    public string? Problem { get; init; }

    public static async Task<OpenApiDiscovery> Find(ProbeContext context)
    {
        if (context.Options.OpenApi is { } given)
        {
            return await Given(context, given).ConfigureAwait(false);
        }
        foreach (var path in WellKnownPaths)
        {
            var exchange = await context.Get(path).ConfigureAwait(false);
            if (exchange.Status is null)
            {
                return new OpenApiDiscovery { Problem = $"the search for an OpenAPI document stopped at {path}: {exchange.Error}" };
            }
            // A Swagger UI page or a catch-all answer is not the document: only a body that declares a version is.
            if (context.Found(exchange) && DeclaresVersion().IsMatch(exchange.Body))
            {
                return Read(path, exchange, context.Options);
            }
        }
        return new OpenApiDiscovery { Problem = $"no OpenAPI document at the {WellKnownPaths.Count} usual paths ({WellKnownPaths[0]}, {WellKnownPaths[1]}, …); give one with --openapi" };
    }

    private static async Task<OpenApiDiscovery> Given(ProbeContext context, string given)
    {
        var isUrl = Uri.TryCreate(given, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps);
        if (isUrl && !string.Equals(url!.Host, context.Client.Target.Host, StringComparison.OrdinalIgnoreCase))
        {
            return new OpenApiDiscovery { Source = given, Problem = $"{given} is not on the target's host: not fetched (give a local copy instead)" };
        }
        if (!isUrl && File.Exists(given))
        {
            return ReadFile(given, context.Client.Target);
        }
        var exchange = await context.Get(given).ConfigureAwait(false);
        return context.Found(exchange)
            ? Read(given, exchange, context.Options)
            : new OpenApiDiscovery { Source = given, Exchange = exchange, Problem = $"the OpenAPI document {given} answered {exchange.StatusCode?.ToString(CultureInfo.InvariantCulture) ?? exchange.Error}" };
    }

    private static OpenApiDiscovery ReadFile(string path, Uri target)
    {
        try
        {
            if (new FileInfo(path).Length > MaxFileBytes)
            {
                return new OpenApiDiscovery { Source = path, Problem = $"{path} is over {MaxFileBytes / (1024 * 1024)} MB: not read" };
            }
            return Parsed(path, File.ReadAllText(path), target, exchange: null);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return new OpenApiDiscovery { Source = path, Problem = $"{path} could not be read: {error.Message}" };
        }
    }

    private static OpenApiDiscovery Read(string source, ProbeExchange exchange, ProbeOptions options) => exchange.BodyTruncated
        ? new OpenApiDiscovery
        {
            Source = source,
            Exchange = exchange,
            Problem = $"the OpenAPI document {source} is larger than the {options.MaxBodyBytes / 1024} KB the probe reads; give a local copy with --openapi FILE",
        }
        : Parsed(source, exchange.Body, exchange.Url, exchange);

    private static OpenApiDiscovery Parsed(string source, string text, Uri location, ProbeExchange? exchange)
    {
        var (document, problem) = OpenApiDocument.Parse(source, text, location);
        return new OpenApiDiscovery
        {
            Document = document,
            Source = source,
            Exchange = exchange,
            Problem = problem is null ? null : $"the OpenAPI document {problem}",
        };
    }

    [GeneratedRegex(@"""(?:openapi|swagger)""\s*:|^(?:openapi|swagger)\s*:", RegexOptions.Multiline | RegexOptions.NonBacktracking | RegexOptions.CultureInvariant)]
    private static partial Regex DeclaresVersion();
}
