namespace ProdReady.Model;

/// <summary>
/// Reads back the ids every output writes (<c>fail</c>, <c>not-ready</c>, <c>P1</c>, <c>critical</c>): JSON reports,
/// the history store, baselines, prodready.yml. Null for anything else.
/// </summary>
public static class Ids
{
    public static ResultStatus? Status(string? id) => Find(Enum.GetValues<ResultStatus>(), status => status.ToId(), id);

    public static ReadinessLevel? Level(string? id) => Find(Enum.GetValues<ReadinessLevel>(), level => level.ToId(), id);

    public static ServiceTier? Tier(string id) => Find(Enum.GetValues<ServiceTier>(), tier => tier.ToId(), id);

    public static Priority? Priority(string id) => Find(Enum.GetValues<Priority>(), priority => priority.ToString(), id);

    /// <summary>A day as every output writes it: 2027-03-31, whatever the machine's culture.</summary>
    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static T? Find<T>(T[] values, Func<T, string> toId, string? id) where T : struct, Enum
    {
        foreach (var value in values)
        {
            if (toId(value) == id)
            {
                return value;
            }
        }
        return null;
    }
}
