using System.Text.Json.Serialization;

namespace ProdReady.Model;

[JsonConverter(typeof(JsonStringEnumConverter<ResultStatus>))]
public enum ResultStatus
{
    [JsonStringEnumMemberName("pass")] Pass,
    [JsonStringEnumMemberName("partial")] Partial,
    [JsonStringEnumMemberName("fail")] Fail,
    [JsonStringEnumMemberName("not-applicable")] NotApplicable,
    [JsonStringEnumMemberName("unknown")] Unknown,
}

public static class ResultStatusNames
{
    public static string ToId(this ResultStatus status) => status switch
    {
        ResultStatus.Pass => "pass",
        ResultStatus.Partial => "partial",
        ResultStatus.Fail => "fail",
        ResultStatus.NotApplicable => "not-applicable",
        _ => "unknown",
    };

    public static bool TryParse(string text, out ResultStatus status)
    {
        foreach (var candidate in Enum.GetValues<ResultStatus>())
        {
            if (string.Equals(candidate.ToId(), text, StringComparison.OrdinalIgnoreCase))
            {
                status = candidate;
                return true;
            }
        }
        status = default;
        return false;
    }
}
