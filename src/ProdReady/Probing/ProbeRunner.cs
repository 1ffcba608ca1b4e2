using ProdReady.Probing.Probes;

namespace ProdReady.Probing;

/// <summary>
/// Runs the probes against one target: first the target itself (reachable at all?) and the soft-404 baseline, then
/// each probe in turn through the one bounded client.
/// </summary>
public static class ProbeRunner
{
    /// <summary>The rate-limit burst goes last: its 429s and Retry-After waits must not disturb the other probes.</summary>
    public static IReadOnlyList<IProbe> DefaultProbes() =>
    [
        new HealthProbe(), new HeadersProbe(), new CorsProbe(), new TlsProbe(), new OpenApiProbe(), new AuthProbe(), new MethodsProbe(),
        new CookiesProbe(), new CompressionProbe(), new ErrorsProbe(), new ExposureProbe(), new LimitsProbe(), new RateLimitProbe(),
    ];

    /// <summary>The target as a URL, or why it is not one ("ftp://x" is not a service to probe).</summary>
    public static (Uri? Target, string? Problem) ParseTarget(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || uri.Host.Length == 0)
        {
            return (null, $"{text}: not an http:// or https:// URL");
        }
        return (uri, null);
    }

    public static async Task<ProbeReport> Run(Uri target, ProbeOptions options, IReadOnlyList<IProbe>? probes = null)
    {
        using var client = new ProbeClient(target, options);
        var root = await client.Send(ProbeRequest.Get(target.PathAndQuery)).ConfigureAwait(false);
        if (root.Status is null)
        {
            return new ProbeReport(target, [], client.Sent) { Unreachable = root.Error };
        }
        var context = new ProbeContext(client, await SoftNotFound.Fetch(client).ConfigureAwait(false), root);
        var findings = new List<ProbeFinding>();
        foreach (var probe in probes ?? DefaultProbes())
        {
            findings.AddRange(await probe.Run(context).ConfigureAwait(false));
        }
        return new ProbeReport(target, findings, client.Sent)
        {
            StoppedBecause = client.StoppedBecause,
            HeadersGrade = HeadersGrade.Of(root, findings.SelectMany(finding => finding.Exchanges)),
        };
    }
}
