using System.Globalization;
using System.Text.RegularExpressions;

namespace ProdReady.Server.Operations;

/// <summary>
/// How many requests one caller (an API key, else a client address) may make per window: `600/min`, `50/s`,
/// `20000/h`, or <see cref="Off"/>. A fixed window: simple to reason about, and a rejected caller is told when the
/// window ends (Retry-After).
/// </summary>
public sealed partial record RateLimit(int Permits, TimeSpan Window)
{
    /// <summary>Generous for CI pushes and people reading: ten requests a second sustained per key or address.</summary>
    public static RateLimit Default { get; } = new(600, TimeSpan.FromMinutes(1));

    /// <summary>No limit: for a benchmark, or when a gateway in front already limits.</summary>
    public static RateLimit Off { get; } = new(0, TimeSpan.Zero);

    public bool IsOff => Permits == 0;

    /// <summary>The limit <paramref name="text"/> names, or null with the reason in <paramref name="problem"/>.</summary>
    public static RateLimit? Parse(string text, out string? problem)
    {
        problem = null;
        if (string.Equals(text.Trim(), "off", StringComparison.OrdinalIgnoreCase))
        {
            return Off;
        }
        var match = Shape().Match(text.Trim());
        if (!match.Success || !int.TryParse(match.Groups["permits"].Value, CultureInfo.InvariantCulture, out var permits) || permits < 1)
        {
            problem = $"'{text}' is not a rate limit: give requests per window (600/min, 50/s, 20000/h) or off";
            return null;
        }
        var window = match.Groups["unit"].Value switch
        {
            "s" => TimeSpan.FromSeconds(1),
            "min" => TimeSpan.FromMinutes(1),
            _ => TimeSpan.FromHours(1),
        };
        return new RateLimit(permits, window);
    }

    public override string ToString() =>
        IsOff ? "off"
        : Window == TimeSpan.FromSeconds(1) ? $"{Permits}/s"
        : Window == TimeSpan.FromMinutes(1) ? $"{Permits}/min"
        : Window == TimeSpan.FromHours(1) ? $"{Permits}/h"
        : $"{Permits} per {Window.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s";

    [GeneratedRegex(@"^(?<permits>[0-9]{1,9})/(?<unit>s|min|h)$", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex Shape();
}
