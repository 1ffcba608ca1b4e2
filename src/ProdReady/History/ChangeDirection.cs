namespace ProdReady.History;

/// <summary>Which way a control's status moved, by the rank fail &lt; partial &lt; pass (waived counts as pass).</summary>
public enum ChangeDirection
{
    Worse,
    Better,

    /// <summary>A move to or from unknown or not-applicable, or between pass and waived: neither better nor worse.</summary>
    Neutral,
}
