using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ProdReady.Server.Webhooks;

/// <summary>
/// Runs <see cref="WebhookDispatcher"/> in the server until it stops: a pass every <see cref="PollInterval"/>, or at
/// once while passes find full batches. A failing pass (the database away) is logged and the loop goes on.
/// </summary>
public sealed partial class WebhookDeliveryService(WebhookDispatcher dispatcher, ILogger<WebhookDeliveryService> logger) : BackgroundService
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await dispatcher.DeliverDueAsync(stoppingToken) == WebhookDispatcher.BatchSize)
                {
                    continue;
                }
                await Task.Delay(PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception failure)
            {
                PassFailed(failure);
                await Task.Delay(PollInterval, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A webhook delivery pass failed; retrying shortly")]
    private partial void PassFailed(Exception failure);
}
