namespace ProdReady.Scanning.Paths;

/// <summary>What one ignore file says about a path.</summary>
public enum IgnoreVerdict
{
    /// <summary>No pattern matched; an outer ignore file (or the default) decides.</summary>
    None,

    /// <summary>The last matching pattern excludes the path.</summary>
    Ignored,

    /// <summary>The last matching pattern is a "!" negation that re-includes the path.</summary>
    Included,
}

/// <summary>
/// One .gitignore (or .prodready/ignore) with git's rules, matched case-sensitively as git does by default.
/// The walker chains nested files and applies "inside an ignored directory is ignored"; this class judges one path
/// against one file.
/// </summary>
public sealed class IgnoreFile
{
    private sealed record Rule(PathPattern Pattern, bool Negated, bool DirectoryOnly);

    private readonly Rule[] rules;

    private IgnoreFile(string directory, Rule[] rules)
    {
        Directory = directory;
        this.rules = rules;
    }

    /// <summary>The repository-relative folder holding the file ("" for the root).</summary>
    public string Directory { get; }

    /// <summary>
    /// Parses an ignore file. Lines git would never match (such as an unclosed '[') are dropped, as git ignores them.
    /// </summary>
    /// <param name="directory">Repository-relative folder of the file: "" for the root, else like "src/app".</param>
    public static IgnoreFile Parse(string directory, string content)
    {
        var rules = new List<Rule>();
        foreach (var rawLine in content.AsSpan().EnumerateLines())
        {
            if (ParseRule(TrimUnescapedTrailingSpaces(rawLine)) is { } rule)
            {
                rules.Add(rule);
            }
        }
        var folder = directory.Trim('/');
        return new IgnoreFile(folder == "." ? "" : folder, [.. rules]);
    }

    /// <summary>The verdict of the last line matching the path; <see cref="IgnoreVerdict.None"/> for paths outside
    /// <see cref="Directory"/>.</summary>
    /// <param name="relativePath">Repository-relative, '/'-separated, no trailing '/'.</param>
    public IgnoreVerdict Match(string relativePath, bool isDirectory)
    {
        var path = relativePath.AsSpan();
        if (Directory.Length > 0)
        {
            if (path.Length <= Directory.Length || path[Directory.Length] != '/' || !path.StartsWith(Directory, StringComparison.Ordinal))
            {
                return IgnoreVerdict.None;
            }
            path = path[(Directory.Length + 1)..];
        }
        for (int k = rules.Length - 1; k >= 0; k--)
        {
            var rule = rules[k];
            if ((!rule.DirectoryOnly || isDirectory) && rule.Pattern.IsMatch(path))
            {
                return rule.Negated ? IgnoreVerdict.Included : IgnoreVerdict.Ignored;
            }
        }
        return IgnoreVerdict.None;
    }

    private static Rule? ParseRule(ReadOnlySpan<char> line)
    {
        if (line.IsEmpty || line[0] == '#')
        {
            return null;
        }
        bool negated = line[0] == '!';
        if (negated)
        {
            line = line[1..];
        }
        bool directoryOnly = line.EndsWith('/');
        if (directoryOnly)
        {
            line = line[..^1];
        }
        // A '/' at the start or in the middle ties the pattern to this file's folder; without one it names a file or
        // folder at any depth below it.
        bool anchored = line.Contains('/');
        if (line.StartsWith('/'))
        {
            line = line[1..];
        }
        if (line.IsEmpty)
        {
            return null;
        }
        var segments = line.ToString().Split('/').ToList();
        if (!anchored)
        {
            segments.Insert(0, "**");
        }
        if (segments[^1] == "**")
        {
            segments.Add("*"); // a trailing "/**" matches everything inside, not the folder itself
        }
        return PathPattern.TryCreate(segments, ignoreCase: false, out var pattern, out _)
            ? new Rule(pattern!, negated, directoryOnly)
            : null;
    }

    // Git drops trailing spaces unless the last one is escaped ("name\ " keeps one space).
    private static ReadOnlySpan<char> TrimUnescapedTrailingSpaces(ReadOnlySpan<char> line)
    {
        int end = line.Length;
        while (end > 0 && line[end - 1] == ' ')
        {
            int backslashes = end - 1 - line[..(end - 1)].TrimEnd('\\').Length;
            if (backslashes % 2 == 1)
            {
                break;
            }
            end--;
        }
        return line[..end];
    }
}
