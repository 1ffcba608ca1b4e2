using System.Text.RegularExpressions;
using ProdReady.Model;

namespace ProdReady.Scanning.Manifests;

/// <summary>The form of a dependency name that rules and manifests are compared on.</summary>
public static class DependencyName
{
    private static readonly Regex PythonSeparators = new("[-_.]+", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);

    /// <summary>
    /// Python: PEP 503 (lower case, every run of '-', '_' and '.' becomes '-'). Every other ecosystem: lower case
    /// (npm scopes, Go module paths and Java "group:artifact" keep their shape).
    /// </summary>
    public static string Normalize(string ecosystem, string name)
    {
        var trimmed = name.Trim().ToLowerInvariant();
        return ecosystem == Ecosystem.Python ? PythonSeparators.Replace(trimmed, "-") : trimmed;
    }
}
