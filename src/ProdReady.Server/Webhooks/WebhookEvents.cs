namespace ProdReady.Server.Webhooks;

/// <summary>The events the server sends webhooks for (docs/webhooks.md), as the payload and ProdReady-Event name them.</summary>
public static class WebhookEvents
{
    /// <summary>A service's latest assessment has a lower level than the one before it.</summary>
    public const string LevelDropped = "level.dropped";

    /// <summary>A service's latest assessment fails P0 controls the one before it did not fail.</summary>
    public const string P0Failing = "p0.failing";
}
