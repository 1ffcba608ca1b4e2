using ProdReady.Scanning.Manifests;

namespace ProdReady.Tests.Manifests;

/// <summary>Compact text forms of parse results, so tests can assert every field at once.</summary>
internal static class Declared
{
    /// <summary>"name version @line", " dev" appended for development dependencies, "-" for no version.</summary>
    public static string[] Dependencies(ManifestParseResult result) =>
        [.. result.Dependencies.Select(d => $"{d.Name} {d.Version ?? "-"} @{d.Line}{(d.Development ? " dev" : "")}")];

    /// <summary>"line: message" for every diagnostic; all of them must be warnings.</summary>
    public static string[] Warnings(ManifestParseResult result)
    {
        Assert.All(result.Diagnostics, d => Assert.Equal(ProdReady.Model.DiagnosticSeverity.Warning, d.Severity));
        return [.. result.Diagnostics.Select(d => $"{d.Line}: {d.Message}")];
    }
}
