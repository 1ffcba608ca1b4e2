using System.Text;
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
    /// <summary>
    /// Reads the top level of the document only as far as <c>service</c> (near its start), skipping the values
    /// before it without building them: an ingest has already parsed the whole document once.
    /// </summary>
    public static ServiceDeclaration Read(string json)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        if (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isService = reader.ValueTextEquals("service"u8);
                reader.Read();
                if (isService)
                {
                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        break;
                    }
                    using var service = JsonDocument.ParseValue(ref reader);
                    var root = service.RootElement;
                    return new ServiceDeclaration(Text(root, "name"), Text(root, "owner"), Text(root, "tier") ?? ServiceTier.Standard.ToId());
                }
                reader.Skip();
            }
        }
        return new ServiceDeclaration(null, null, ServiceTier.Standard.ToId());
    }

    public static bool IsKnownTier(string tier) => Ids.Tier(tier) is not null;

    private static string? Text(JsonElement service, string name) =>
        service.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
