namespace ProdReady.Model;

/// <summary>What the scanner found the repository to be made of.</summary>
public sealed record DetectedStack
{
    /// <summary>Ecosystems present, most files first.</summary>
    public IReadOnlyList<string> Ecosystems { get; init; } = [];

    /// <summary>Source files per language id ("typescript": 120).</summary>
    public IReadOnlyDictionary<string, int> Languages { get; init; } = new Dictionary<string, int>();

    /// <summary>Frameworks, e.g. "express", "fastapi", "aspnetcore".</summary>
    public IReadOnlyList<string> Frameworks { get; init; } = [];

    /// <summary>Service kinds, e.g. "http-api"; several when a repository holds several.</summary>
    public IReadOnlyList<string> Kinds { get; init; } = [];

    /// <summary>Repository features used by applicability ("docker", "compose", "kubernetes", "llm", ...).</summary>
    public IReadOnlyList<string> Features { get; init; } = [];

    /// <summary>Where it deploys: the subset of features that are deploy targets.</summary>
    public IReadOnlyList<string> DeployTargets { get; init; } = [];
}
