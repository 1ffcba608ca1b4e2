using System.Security.Cryptography;
using System.Text;

namespace ProdReady.Server.Auth;

/// <summary>A key as `keys create` shows it once: the whole secret, and what the store keeps instead of it.</summary>
public sealed record IssuedKey(string Key, string Prefix, byte[] Salt, byte[] Hash);

/// <summary>
/// API key secrets. A key reads `prk_PREFIX_SECRET`: the prefix (8 characters, stored in clear) finds the row, the
/// whole key is verified against a salted PBKDF2-HMAC-SHA256 hash in constant time. The key itself is never stored
/// or logged; 32 random bytes make it unguessable, the slow hash protects a leaked database.
/// </summary>
public static class ApiKeySecrets
{
    /// <summary>OWASP's figure for PBKDF2-HMAC-SHA256; verified keys are cached by the server, so it is paid once per key.</summary>
    public const int Iterations = 600_000;

    private const string Scheme = "prk_";
    private const int PrefixLength = 8;
    private const int SecretBytes = 32;
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    public static IssuedKey Issue()
    {
        var prefix = Base32(RandomNumberGenerator.GetBytes(5));
        var key = $"{Scheme}{prefix}_{Base64Url(RandomNumberGenerator.GetBytes(SecretBytes))}";
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        return new IssuedKey(key, prefix, salt, Derive(key, salt));
    }

    /// <summary>The prefix of a presented key, or null when it does not have the shape of one (then no lookup is done).</summary>
    public static string? PrefixOf(string presented)
    {
        if (!presented.StartsWith(Scheme, StringComparison.Ordinal) || presented.Length < Scheme.Length + PrefixLength + 2 || presented[Scheme.Length + PrefixLength] != '_')
        {
            return null;
        }
        return presented.Substring(Scheme.Length, PrefixLength);
    }

    /// <summary>Whether the presented key matches the stored salt and hash; the comparison takes the same time wherever they differ.</summary>
    public static bool Verify(string presented, byte[] salt, byte[] hash) =>
        hash.Length == HashBytes && CryptographicOperations.FixedTimeEquals(Derive(presented, salt), hash);

    private static byte[] Derive(string key, byte[] salt) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(key), salt, Iterations, HashAlgorithmName.SHA256, HashBytes);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Lower-case base32 (no padding): 5 bytes give exactly 8 characters, easy to read out and to type.</summary>
    private static string Base32(byte[] bytes)
    {
        const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        var bits = bytes.Aggregate(0UL, (value, b) => (value << 8) | b);
        return new string([.. Enumerable.Range(0, PrefixLength).Select(i => Alphabet[(int)((bits >> (35 - (i * 5))) & 31)])]);
    }
}
