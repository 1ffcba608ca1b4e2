namespace ProdReady.Server.Auth;

/// <summary>
/// What a key may do. `assessments:write` pushes (CI), `read` reads the API and signs in to the dashboard, `admin`
/// manages keys and webhooks and may also read and push, so that one operator key is enough.
/// </summary>
public static class KeyScopes
{
    public const string Write = "assessments:write";
    public const string Read = "read";
    public const string Admin = "admin";

    public static IReadOnlyList<string> All { get; } = [Write, Read, Admin];

    /// <summary>The scopes a comma- or space-separated list names, in canonical order; the unknown ones in <paramref name="unknown"/>.</summary>
    public static IReadOnlyList<string> Parse(string text, out IReadOnlyList<string> unknown)
    {
        var named = text.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        unknown = [.. named.Where(scope => !All.Contains(scope, StringComparer.Ordinal)).Distinct(StringComparer.Ordinal)];
        return [.. All.Where(scope => named.Contains(scope, StringComparer.Ordinal))];
    }

    /// <summary>Whether a key with <paramref name="granted"/> may act where <paramref name="required"/> is needed.</summary>
    public static bool Allows(IReadOnlyList<string> granted, string required) =>
        granted.Contains(required, StringComparer.Ordinal) || granted.Contains(Admin, StringComparer.Ordinal);
}
