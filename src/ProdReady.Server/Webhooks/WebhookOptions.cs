namespace ProdReady.Server.Webhooks;

/// <summary>
/// Where the server sends its webhooks and how it retries them. Without <see cref="Urls"/> no delivery is queued.
/// Its text form leaves <see cref="Secret"/> out, so that logging the options cannot leak it.
/// </summary>
public sealed record WebhookOptions
{
    /// <summary>The endpoints; each event is delivered to every one of them.</summary>
    public IReadOnlyList<string> Urls { get; init; } = [];

    /// <summary>The shared secret deliveries are signed with (<see cref="WebhookSignature"/>).</summary>
    public string Secret { get; init; } = "";

    /// <summary>Attempts after which a delivery that never succeeded is dead-lettered.</summary>
    public int MaxAttempts { get; init; } = 8;

    /// <summary>The ceiling of the wait after the first failed attempt; it doubles with each further one.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The ceiling's own limit.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// The longest wait before the next attempt once <paramref name="attempts"/> attempts failed:
    /// min(<see cref="MaxDelay"/>, <see cref="BaseDelay"/> × 2^(attempts − 1)). The wait itself is drawn uniformly
    /// between zero and this ("full jitter"), so that receivers coming back are not hit by every sender at once.
    /// </summary>
    public TimeSpan RetryCeiling(int attempts) =>
        TimeSpan.FromSeconds(Math.Min(MaxDelay.TotalSeconds, BaseDelay.TotalSeconds * Math.Pow(2, Math.Max(attempts, 1) - 1)));

    public override string ToString() =>
        $"WebhookOptions {{ Urls = [{string.Join(", ", Urls)}], Secret = ***, MaxAttempts = {MaxAttempts}, BaseDelay = {BaseDelay}, MaxDelay = {MaxDelay} }}";
}
