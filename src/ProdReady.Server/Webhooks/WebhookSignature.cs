using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ProdReady.Server.Webhooks;

/// <summary>
/// How a delivery proves it comes from this server: <c>ProdReady-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex&gt;</c>, the
/// hex being HMAC-SHA256 over <c>"&lt;t&gt;.&lt;body&gt;"</c> keyed with the secret's UTF-8 bytes. The timestamp inside
/// the signed text lets a receiver refuse a replayed old delivery (docs/webhooks.md).
/// </summary>
public static class WebhookSignature
{
    public const string SignatureHeader = "ProdReady-Signature";
    public const string EventHeader = "ProdReady-Event";
    public const string DeliveryHeader = "ProdReady-Delivery";

    /// <summary>The <see cref="SignatureHeader"/> value for <paramref name="body"/> sent at <paramref name="time"/>.</summary>
    public static string Sign(string body, string secret, DateTimeOffset time)
    {
        var timestamp = time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return $"t={timestamp},v1={Convert.ToHexStringLower(Mac(timestamp, body, secret))}";
    }

    /// <summary>
    /// Whether <paramref name="header"/> signs <paramref name="body"/> with <paramref name="secret"/> at a time no
    /// further than <paramref name="tolerance"/> from <paramref name="now"/>. Anything malformed is simply false.
    /// </summary>
    public static bool Verify(string? header, string body, string secret, DateTimeOffset now, TimeSpan tolerance)
    {
        string? timestamp = null;
        var signatures = new List<byte[]>();
        foreach (var part in (header ?? "").Split(','))
        {
            var (key, value) = part.IndexOf('=', StringComparison.Ordinal) is var equals and > 0
                ? (part[..equals].Trim(), part[(equals + 1)..].Trim())
                : ("", "");
            if (key == "t")
            {
                timestamp = value;
            }
            else if (key == "v1" && value.Length == 64 && value.All(char.IsAsciiHexDigit))
            {
                signatures.Add(Convert.FromHexString(value));
            }
        }
        if (timestamp is null || signatures.Count == 0
            || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds()
            || (now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > tolerance)
        {
            return false;
        }
        var expected = Mac(timestamp, body, secret);
        return signatures.Any(signature => CryptographicOperations.FixedTimeEquals(signature, expected));
    }

    private static byte[] Mac(string timestamp, string body, string secret) =>
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}"));
}
