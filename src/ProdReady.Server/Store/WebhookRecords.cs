namespace ProdReady.Server.Store;

/// <summary>A webhook delivery that failed every attempt and waits for someone to resend it.</summary>
public sealed record DeadLetter(
    long Id, string Service, string Event, string Url, int Attempts, string? LastError, DateTimeOffset CreatedAt, DateTimeOffset DeadLetteredAt);

/// <summary>A delivery the dispatcher has claimed: where it goes and the exact body to sign and send.</summary>
internal sealed record WebhookDelivery(long Id, string Event, string Url, string Payload, int Attempts);
