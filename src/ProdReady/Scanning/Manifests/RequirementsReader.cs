using System.Text.RegularExpressions;
using ProdReady.Model;

namespace ProdReady.Scanning.Manifests;

/// <summary>
/// pip requirements files: one PEP 508 requirement per line, '#' comments, '\' continuations, pip options
/// (-r, -c, --index-url, ...) skipped, and editable or direct URLs named by their #egg= fragment.
/// </summary>
internal static class RequirementsReader
{
    private const RegexOptions Options = RegexOptions.NonBacktracking | RegexOptions.CultureInvariant;

    // A comment starts at a '#' at the start of a line or after whitespace ("pkg @ https://x#egg=pkg" is no comment).
    private static readonly Regex Comment = new(@"(^|\s)#.*$", Options);

    // Options after a requirement apply to it alone: "pkg==1.0 --hash=sha256:...".
    private static readonly Regex TrailingOptions = new(@"\s--.*$", Options);

    private static readonly Regex UrlOrPath = new(@"^([A-Za-z][A-Za-z0-9+.-]*://|[A-Za-z]+\+|file:|\.|/|~)", Options);

    private static readonly Regex EggName = new(@"#egg=(?<name>[A-Za-z0-9][A-Za-z0-9._-]*)", Options);

    private static readonly string[] DevelopmentMarkers = ["dev", "test", "lint", "docs"];

    /// <summary>requirements*.txt, or any .txt directly in a folder named requirements.</summary>
    public static bool IsRequirementsFile(string relativePath)
    {
        var segments = relativePath.Split('/');
        return segments[^1].EndsWith(".txt", StringComparison.OrdinalIgnoreCase)
            && (segments[^1].StartsWith("requirements", StringComparison.OrdinalIgnoreCase)
                || (segments.Length > 1 && segments[^2].Equals("requirements", StringComparison.OrdinalIgnoreCase)));
    }

    public static ManifestParseResult Parse(string file, string content)
    {
        var result = new ManifestResultBuilder(Ecosystem.Python, file);
        var fileName = file.Split('/')[^1];
        var development = DevelopmentMarkers.Any(marker => fileName.Contains(marker, StringComparison.OrdinalIgnoreCase));
        foreach (var (line, text) in LogicalLines(content))
            ReadRequirement(result, line, text, development);
        return result.Build();
    }

    private static void ReadRequirement(ManifestResultBuilder result, int line, string text, bool development)
    {
        var editable = text.StartsWith("-e", StringComparison.Ordinal) || text.StartsWith("--editable", StringComparison.Ordinal);
        if (text.StartsWith('-') && !editable)
            return;
        if (editable || UrlOrPath.IsMatch(text))
        {
            // A local path (-e .) names no package; a URL names one only through #egg=.
            var egg = EggName.Match(text);
            if (egg.Success)
                result.Add(egg.Groups["name"].Value, null, line, development);
            return;
        }
        if (Pep508Requirement.TryParse(TrailingOptions.Replace(text, ""), out var requirement, out var error))
            result.Add(requirement.Name, requirement.Version, line, development);
        else
            result.Warn(line, error);
    }

    /// <summary>Non-empty lines without comments, continuation lines joined, each with the line where it starts.</summary>
    private static IEnumerable<(int Line, string Text)> LogicalLines(string content)
    {
        var lines = content.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var start = i;
            var text = lines[i].TrimEnd('\r');
            while (text.EndsWith('\\') && i + 1 < lines.Length)
                text = text[..^1] + lines[++i].TrimEnd('\r');
            text = Comment.Replace(text, "").Trim();
            if (text.Length > 0)
                yield return (start + 1, text);
        }
    }
}
