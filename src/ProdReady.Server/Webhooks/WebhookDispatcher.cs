using System.Net.Http.Headers;
using System.Text;
using ProdReady.Server.Operations;
using ProdReady.Server.Store;

namespace ProdReady.Server.Webhooks;

/// <summary>
/// Sends the webhook deliveries that are due: claims them in the store, POSTs each signed body to its endpoint and
/// records the outcome there (delivered, retried later, or dead-lettered). Redirects are not followed (a 3xx is a
/// failed attempt) and no response body is read: the status code is all that counts.
/// </summary>
public sealed class WebhookDispatcher : IDisposable
{
    /// <summary>How many deliveries one pass claims and sends at once.</summary>
    public const int BatchSize = 16;

    /// <summary>How long an endpoint has to answer.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    private static readonly ProductInfoHeaderValue UserAgent = new("ProdReady-Webhooks", typeof(WebhookDispatcher).Assembly.GetName().Version?.ToString(3));

    private readonly PortfolioStore _store;
    private readonly ServerMetrics? _metrics;
    private readonly HttpClient _http;

    /// <param name="metrics">Counts each attempt's outcome (delivered, retrying, dead_lettered) when the server exposes metrics.</param>
    public WebhookDispatcher(PortfolioStore store, ServerMetrics? metrics = null)
    {
        _store = store;
        _metrics = metrics;
        // The response body is never read; to reuse a connection at most a little of it is drained, else it is closed.
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            MaxResponseDrainSize = 16 * 1024,
            MaxResponseHeadersLength = 16,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        _http = new HttpClient(handler) { Timeout = RequestTimeout };
    }

    /// <summary>Sends the deliveries due now, up to <see cref="BatchSize"/>; returns how many it attempted.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancel = default)
    {
        var due = await _store.ClaimDueWebhooksAsync(BatchSize, cancel);
        await Task.WhenAll(due.Select(delivery => AttemptAsync(delivery, cancel)));
        return due.Count;
    }

    public void Dispose() => _http.Dispose();

    private async Task AttemptAsync(WebhookDelivery delivery, CancellationToken cancel)
    {
        var error = await SendAsync(delivery, cancel);
        var outcome = await _store.RecordWebhookAttemptAsync(delivery, error, cancel);
        _metrics?.WebhookDelivered(outcome);
    }

    /// <summary>Null when the endpoint accepted the delivery (2xx), else what went wrong, with nothing secret in it.</summary>
    private async Task<string?> SendAsync(WebhookDelivery delivery, CancellationToken cancel)
    {
        var secret = _store.Webhooks.Secret;
        if (secret.Length == 0)
        {
            return "no webhook secret configured: deliveries are not sent unsigned";
        }
        if (!Uri.TryCreate(delivery.Url, UriKind.Absolute, out var endpoint) || (endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp))
        {
            return "not an absolute http or https URL";
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new StringContent(delivery.Payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.UserAgent.Add(UserAgent);
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(delivery.Payload, secret, _store.Clock.GetUtcNow()));
        request.Headers.Add(WebhookSignature.EventHeader, delivery.Event);
        request.Headers.Add(WebhookSignature.DeliveryHeader, delivery.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel);
            return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
        }
        catch (HttpRequestException failure)
        {
            return failure.Message;
        }
        catch (TaskCanceledException) when (!cancel.IsCancellationRequested)
        {
            return $"no response within {RequestTimeout.TotalSeconds:0} s";
        }
    }
}
