using ProdReady.Server.Operations;
using ProdReady.Server.Webhooks;

namespace ProdReady.Server;

/// <summary>How an operator runs the server; `prodready serve` fills it from its options.</summary>
public sealed record ServerSettings
{
    public const string DefaultUrls = "http://127.0.0.1:5080";

    /// <summary>Where Kestrel listens, separated by ';' (port 0 picks a free one, as tests do).</summary>
    public string Urls { get; init; } = DefaultUrls;

    /// <summary>Anyone may read the portfolio (API and dashboard) without a key; pushing and admin still need one.</summary>
    public bool PublicRead { get; init; }

    /// <summary>The largest request body accepted; an assessment of a large repository is a few hundred KB.</summary>
    public long MaxRequestBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>A service with no scan for this long is flagged stale.</summary>
    public TimeSpan StaleAfter { get; init; } = TimeSpan.FromDays(14);

    /// <summary>
    /// Where the dashboard keeps the keys that sign and encrypt its session cookies (ASP.NET Core Data Protection).
    /// Null keeps them in memory: every restart then signs everyone out. `prodready serve` puts them next to a SQLite
    /// database; servers sharing a PostgreSQL database would need to share this folder for their cookies to work on each other.
    /// </summary>
    public string? SessionKeysFolder { get; init; }

    /// <summary>How long shutdown waits for requests in flight (an ingest) to finish.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Where level drops and new P0 failures are sent; none by default.</summary>
    public WebhookOptions Webhooks { get; init; } = new();

    /// <summary>Requests per window for one API key (or client address); <see cref="RateLimit.Off"/> for none.</summary>
    public RateLimit RateLimit { get; init; } = RateLimit.Default;

    /// <summary>How long a request may take before it is cancelled with a 504.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
