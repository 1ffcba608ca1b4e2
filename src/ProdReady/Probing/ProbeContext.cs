namespace ProdReady.Probing;

/// <summary>What every probe gets: the bounded client, the soft-404 baseline, and what earlier probes found.</summary>
public sealed class ProbeContext(ProbeClient client, SoftNotFound baseline, ProbeExchange root)
{
    private Task<OpenApiDiscovery>? _openApi;

    public ProbeClient Client { get; } = client;
    public SoftNotFound Baseline { get; } = baseline;

    /// <summary>The answer to GET on the target URL itself.</summary>
    public ProbeExchange Root { get; } = root;

    public ProbeOptions Options => Client.Options;

    /// <summary>The OpenAPI document, looked for on first use and shared, so the probes that need it fetch it once.</summary>
    public Task<OpenApiDiscovery> OpenApi => LazyInitializer.EnsureInitialized(ref _openApi, () => OpenApiDiscovery.Find(this));

    public Task<ProbeExchange> Get(string path) => Client.Send(ProbeRequest.Get(path));

    /// <summary>A path that answers for real: success, and not the catch-all page.</summary>
    public bool Found(ProbeExchange exchange) => exchange.IsSuccess && !Baseline.Matches(exchange);
}
