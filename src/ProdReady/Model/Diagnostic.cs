namespace ProdReady.Model;

public enum DiagnosticSeverity
{
    Info,
    Warning,
    Error,
}

/// <summary>A problem with an input (a malformed manifest, an unreadable file), reported and then skipped.</summary>
public sealed record Diagnostic(DiagnosticSeverity Severity, string File, int Line, string Message)
{
    public override string ToString() => Line > 0 ? $"{File}:{Line}: {Message}" : $"{File}: {Message}";

    public static Diagnostic Warning(string file, int line, string message) => new(DiagnosticSeverity.Warning, file, line, message);

    public static Diagnostic Error(string file, int line, string message) => new(DiagnosticSeverity.Error, file, line, message);
}
