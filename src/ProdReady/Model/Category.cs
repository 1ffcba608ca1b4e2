namespace ProdReady.Model;

/// <summary>The categories a control can belong to. Scores are reported per category.</summary>
public static class Category
{
    public const string Security = "security";
    public const string Reliability = "reliability";
    public const string Observability = "observability";
    public const string Performance = "performance";
    public const string Data = "data";
    public const string Testing = "testing";
    public const string Delivery = "delivery";
    public const string Operations = "operations";
    public const string Ai = "ai";

    /// <summary>All categories in reporting order.</summary>
    public static readonly IReadOnlyList<string> All =
        [Security, Reliability, Observability, Performance, Data, Testing, Delivery, Operations, Ai];

    public static bool IsKnown(string category) => All.Contains(category);
}
