using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ProdReady.Server.Webhooks;

namespace ProdReady.Tests.Server;

/// <summary>One request as the receiver got it.</summary>
public sealed record ReceivedWebhook(string Path, string? Signature, string? Event, string? Delivery, string? ContentType, string Body);

/// <summary>
/// A webhook endpoint on loopback (Kestrel on a port the system picks) that records each request and answers with
/// the status codes it was told, in turn, repeating the last; 200 until told otherwise. A 3xx points back at itself.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedWebhook> _requests = new();
    private readonly WebApplication _app;
    private int[] _statuses = [200];
    private int _answered;

    private WebhookReceiver()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.Run(Answer);
    }

    /// <summary>The endpoint's base URL, http://127.0.0.1:port (no trailing slash).</summary>
    public string Url { get; private set; } = "";

    public IReadOnlyList<ReceivedWebhook> Requests => [.. _requests];

    public static WebhookReceiver Start()
    {
        var receiver = new WebhookReceiver();
        receiver._app.Start();
        receiver.Url = receiver._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return receiver;
    }

    /// <summary>Answers the next requests with <paramref name="statuses"/>, in turn, then the last one from then on.</summary>
    public void Respond(params int[] statuses)
    {
        _statuses = statuses;
        _answered = 0;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task Answer(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        var headers = context.Request.Headers;
        _requests.Enqueue(new ReceivedWebhook(
            context.Request.Path, headers[WebhookSignature.SignatureHeader], headers[WebhookSignature.EventHeader],
            headers[WebhookSignature.DeliveryHeader], context.Request.ContentType, body));
        var status = _statuses[Math.Min(Interlocked.Increment(ref _answered) - 1, _statuses.Length - 1)];
        context.Response.StatusCode = status;
        if (status is >= 300 and < 400)
        {
            context.Response.Headers.Location = $"{Url}/redirected";
        }
    }
}
