namespace ProdReady.Model;

public enum ResultStatus
{
    Pass,
    Partial,
    Fail,
    NotApplicable,
    Unknown,

    /// <summary>Failing or unjudged, but accepted until a date by a waiver in prodready.yml; counts as passing.</summary>
    Waived,
}

public static class ResultStatusNames
{
    public static string ToId(this ResultStatus status) => status switch
    {
        ResultStatus.Pass => "pass",
        ResultStatus.Partial => "partial",
        ResultStatus.Fail => "fail",
        ResultStatus.NotApplicable => "not-applicable",
        ResultStatus.Waived => "waived",
        _ => "unknown",
    };
}
