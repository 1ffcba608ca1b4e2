using System.Globalization;
using System.Text;
using ProdReady.Model;

namespace ProdReady.Probing.Probes;

/// <summary>
/// A JSON answer over 1 KB asked for again with Accept-Encoding: gzip, br. JSON shrinks several-fold compressed, so
/// sending it raw costs clients time and the service bandwidth. The client does not decompress: the header is the evidence.
/// </summary>
public sealed class CompressionProbe : IProbe
{
    public const int MinimumBytes = 1024;

    private static readonly string[] FallbackPaths = ["/api", "/api/v1"];
    private static readonly string[] Encodings = ["gzip", "br", "deflate", "zstd"];

    public string Id => "compression";


    public IReadOnlyList<string> Findings => ["compression"];

    public async Task<IReadOnlyList<ProbeFinding>> Run(ProbeContext context)
    {
        var sample = new[] { (await context.OpenApi.ConfigureAwait(false)).Exchange, context.Root }.FirstOrDefault(exchange => IsLargeJson(context, exchange));
        for (var i = 0; sample is null && i < FallbackPaths.Length; i++)
        {
            var exchange = await context.Get(FallbackPaths[i]).ConfigureAwait(false);
            sample = IsLargeJson(context, exchange) ? exchange : null;
        }
        if (sample is null)
        {
            return [new ProbeFinding("compression", ProbeVerdict.Inconclusive,
                $"no JSON answer over {MinimumBytes / 1024} KB seen (the OpenAPI document, /, {string.Join(", ", FallbackPaths)}) to test compression on") { Severity = Priority.P3 }];
        }
        var path = sample.Url.PathAndQuery;
        var compressed = await context.Client.Send(new ProbeRequest("GET", path) { Headers = new Dictionary<string, string> { ["Accept-Encoding"] = "gzip, br" } }).ConfigureAwait(false);
        var size = $"{(Encoding.UTF8.GetByteCount(sample.Body) / 1024.0).ToString("0.#", CultureInfo.InvariantCulture)} KB";
        ProbeFinding Make(ProbeVerdict verdict, string message) =>
            new("compression", verdict, message) { Exchanges = [sample, compressed], Severity = Priority.P3, Excerpt = compressed.Header("Content-Encoding") is { } used ? $"Content-Encoding: {used}" : null };
        if (compressed.Status is null)
        {
            return [Make(ProbeVerdict.Inconclusive, $"no answer to GET {path} with Accept-Encoding: {compressed.Error}")];
        }
        var encoding = compressed.Header("Content-Encoding")?.Trim().ToLowerInvariant();
        return encoding is not null && Encodings.Contains(encoding)
            ? [Make(ProbeVerdict.Pass, $"GET {path} ({size} of JSON) is sent with Content-Encoding: {encoding}")]
            : [Make(ProbeVerdict.Warn, $"GET {path} ({size} of JSON) is sent uncompressed even when the client accepts gzip and br: JSON shrinks several-fold compressed")];
    }

    private static bool IsLargeJson(ProbeContext context, ProbeExchange? exchange) =>
        exchange is not null && context.Found(exchange) && exchange.Header("Content-Type")?.Contains("json", StringComparison.OrdinalIgnoreCase) == true
        && Encoding.UTF8.GetByteCount(exchange.Body) > MinimumBytes;
}
