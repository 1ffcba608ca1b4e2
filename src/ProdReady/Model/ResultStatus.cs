namespace ProdReady.Model;

public enum ResultStatus
{
    Pass,
    Partial,
    Fail,
    NotApplicable,
    Unknown,
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
}
