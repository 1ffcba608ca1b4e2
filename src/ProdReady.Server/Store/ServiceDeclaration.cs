using System.Text.Json;
using ProdReady.Model;

namespace ProdReady.Server.Store;

/// <summary>
/// The <c>service</c> object of an assessment (name, owner, tier as prodready.yml declares them), which
/// <see cref="History.ScanSnapshot"/> does not carry. Read from a document <see cref="History.AssessmentFile"/>
/// has already accepted; absent in documents older than schema 1.1, where the tier is the default.
/// </summary>
public sealed record ServiceDeclaration(string? Name, string? Owner, string Tier)
{
    public static ServiceDeclaration Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        if (!document.RootElement.TryGetProperty("service", out var service) || service.ValueKind != JsonValueKind.Object)
        {
            return new ServiceDeclaration(null, null, ServiceTier.Standard.ToId());
        }
        return new ServiceDeclaration(Text(service, "name"), Text(service, "owner"), Text(service, "tier") ?? ServiceTier.Standard.ToId());
    }

    public static bool IsKnownTier(string tier) => Ids.Tier(tier) is not null;

    private static string? Text(JsonElement service, string name) =>
        service.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
