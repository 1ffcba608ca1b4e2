using System.CommandLine;
using System.Globalization;

namespace ProdReady.Cli;

/// <summary>`--today`: judge dates (expiry, staleness) as of a given day, so that runs and tests are reproducible.</summary>
internal static class Today
{
    public static Option<string?> Option() => new("--today") { Description = "Judge dates as of this day (yyyy-MM-dd) instead of today" };

    public static DateOnly Utc => DateOnly.FromDateTime(DateTime.UtcNow);

    /// <summary>The given day, or today in UTC; null (after saying why) when the text is not a date.</summary>
    public static DateOnly? Resolve(string? text)
    {
        if (text is null)
        {
            return Utc;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var today))
        {
            return today;
        }
        Consoles.Fail($"--today must be a date like 2026-01-31, not '{text}'");
        return null;
    }
}
