namespace ProdReady.Documents;

public enum FindingSeverity
{
    Error,
    Warning,
    Info,
}

/// <summary>One thing a readiness document gets wrong, at its line, under a stable lint id.</summary>
public sealed record DocumentFinding(string Id, FindingSeverity Severity, int Line, string Message);
