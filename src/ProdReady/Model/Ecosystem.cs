namespace ProdReady.Model;

/// <summary>The language ecosystems ProdReady understands. Names are the lower-case ids used in rules.</summary>
public static class Ecosystem
{
    public const string Node = "node";
    public const string Python = "python";
    public const string DotNet = "dotnet";
    public const string Go = "go";
    public const string Java = "java";

    public static readonly IReadOnlyList<string> All = [Node, Python, DotNet, Go, Java];

    public static bool IsKnown(string ecosystem) => All.Contains(ecosystem);
}
