namespace ProdReady.Model;

/// <summary>How much a service matters; decides which priorities must pass and the default required level.</summary>
public enum ServiceTier
{
    Critical,
    Standard,
    Experimental,
}

public static class ServiceTierNames
{
    /// <summary>The id written in prodready.yml and JSON ("critical").</summary>
    public static string ToId(this ServiceTier tier) => tier.ToString().ToLowerInvariant();
}

/// <summary>The service as prodready.yml describes it: who owns it and how much it matters.</summary>
public sealed record ServiceInfo
{
    public string? Name { get; init; }
    public string? Owner { get; init; }
    public ServiceTier Tier { get; init; } = ServiceTier.Standard;

    /// <summary>A declared service kind (a <see cref="ServiceKind"/> id); replaces the detected kinds when set.</summary>
    public string? Kind { get; init; }
}
