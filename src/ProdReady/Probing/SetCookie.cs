using System.Text.RegularExpressions;

namespace ProdReady.Probing;

/// <summary>
/// One Set-Cookie header as the service sent it (<see cref="ProbeExchange.SetCookies"/> keeps each whole): its name,
/// its attributes, and whether it holds a session. The cookies probe and the headers grade read cookies through it.
/// </summary>
public sealed partial class SetCookie
{
    private readonly Dictionary<string, string> _attributes;

    public SetCookie(string header)
    {
        var parts = header.Split(';', StringSplitOptions.TrimEntries);
        Name = parts[0].Split('=', 2)[0].Trim();
        _attributes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var attribute in parts.Skip(1).Where(part => part.Length > 0).Select(part => part.Split('=', 2, StringSplitOptions.TrimEntries)))
        {
            _attributes.TryAdd(attribute[0], attribute.ElementAtOrDefault(1) ?? "");
        }
        Redacted = string.Join("; ", [$"Set-Cookie: {Name}=***", .. parts.Skip(1)]);
    }

    public static IEnumerable<SetCookie> On(ProbeExchange exchange) => exchange.SetCookies.Select(header => new SetCookie(header));

    public string Name { get; }

    /// <summary>The header with the cookie's value hidden: it may be a live session.</summary>
    public string Redacted { get; }

    /// <summary>Anti-forgery tokens for double-submit, read by the page's script on purpose.</summary>
    public bool IsAntiForgery => AntiForgery().IsMatch(Name);

    /// <summary>A cookie that holds a session or a credential, by its name.</summary>
    public bool IsSession => !IsAntiForgery && SessionLike().IsMatch(Name);

    public bool Has(string attribute) => _attributes.ContainsKey(attribute);

    /// <summary>An attribute's value ("" for a flag), or null when the cookie does not have it.</summary>
    public string? Attribute(string name) => _attributes.GetValueOrDefault(name);

    [GeneratedRegex(@"sess|(?:^|[^a-z])sid(?:$|[^a-z])|auth|token|jwt|remember|login|identity|^\.AspNetCore\.", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking | RegexOptions.CultureInvariant)]
    private static partial Regex SessionLike();

    [GeneratedRegex(@"csrf|xsrf|antiforgery", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking | RegexOptions.CultureInvariant)]
    private static partial Regex AntiForgery();
}
