using ProdReady.Model;

namespace ProdReady.History;

/// <summary>One control that differs between two scans; <see cref="Before"/> is null when added, <see cref="After"/> when removed.</summary>
public sealed record ControlChange(ControlSnapshot? Before, ControlSnapshot? After)
{
    private ControlSnapshot Either => After ?? Before ?? throw new InvalidOperationException("a change needs a side");

    public string Id => Either.Id;
    public string Title => Either.Title;
    public Priority Priority => Either.Priority;

    public ChangeDirection Direction => (Rank(Before?.Status), Rank(After?.Status)) switch
    {
        (int before, int after) when after < before => ChangeDirection.Worse,
        (int before, int after) when after > before => ChangeDirection.Better,
        _ => ChangeDirection.Neutral,
    };

    /// <summary>fail 0 &lt; partial 1 &lt; pass 2 = waived; null for unknown and not-applicable, which rank nowhere.</summary>
    public static int? Rank(ResultStatus? status) => status switch
    {
        ResultStatus.Fail => 0,
        ResultStatus.Partial => 1,
        ResultStatus.Pass or ResultStatus.Waived => 2,
        _ => null,
    };
}
