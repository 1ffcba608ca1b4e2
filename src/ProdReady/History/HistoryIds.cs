using ProdReady.Model;

namespace ProdReady.History;

/// <summary>Reads back the ids the JSON report and the store write (<c>fail</c>, <c>not-ready</c>, <c>P1</c>).</summary>
internal static class HistoryIds
{
    public static ResultStatus? Status(string id) => Find(Enum.GetValues<ResultStatus>(), status => status.ToId(), id);

    public static ReadinessLevel? Level(string id) => Find(Enum.GetValues<ReadinessLevel>(), level => level.ToId(), id);

    public static Priority? Priority(string id) => Find(Enum.GetValues<Priority>(), priority => priority.ToString(), id);

    private static T? Find<T>(T[] values, Func<T, string> toId, string id) where T : struct, Enum
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
