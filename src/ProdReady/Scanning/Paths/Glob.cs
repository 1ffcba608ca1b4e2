namespace ProdReady.Scanning.Paths;

/// <summary>
/// A file glob from a rule, matched case-insensitively against repository-relative paths ("src/app/main.ts").
/// <c>*</c> is any run within a segment, <c>**</c> zero or more whole segments, <c>?</c> one character,
/// <c>[a-z]</c>/<c>[!a]</c> a class, <c>{a,b}</c> alternatives (which may hold '*' and '/'). An alternative without
/// '/' matches a file name at any depth; one with '/' matches from the root; a leading '/' (or "./") anchors to the root.
/// </summary>
public sealed class Glob
{
    // Brace expansion multiplies; a pattern needing more alternatives than this is a mistake, not a glob.
    private const int MaxAlternatives = 256;

    private readonly PathPattern[] alternatives;

    private Glob(string pattern, PathPattern[] alternatives)
    {
        Pattern = pattern;
        this.alternatives = alternatives;
    }

    public string Pattern { get; }

    /// <exception cref="FormatException">The pattern is empty, has an unbalanced '[' or '{', or ends with '\'.</exception>
    public static Glob Parse(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        if (pattern.Length == 0)
        {
            throw new FormatException("Invalid glob: the pattern is empty.");
        }
        Validate(pattern);
        var expanded = new List<string>();
        Expand(pattern, pattern, expanded);
        var compiled = new PathPattern[expanded.Count];
        for (int k = 0; k < expanded.Count; k++)
        {
            if (!PathPattern.TryCreate(Segments(expanded[k]), ignoreCase: true, out var alternative, out var error))
            {
                throw new FormatException($"Invalid glob '{pattern}': {error}.");
            }
            compiled[k] = alternative!;
        }
        return new Glob(pattern, compiled);
    }

    /// <summary>Whether every alternative names a file at any depth, so matching a path's last segment is enough.</summary>
    public bool MatchesNamesOnly => alternatives.All(alternative => alternative.IsNameOnly);

    /// <summary>True when the path ('/'-separated, relative to the repository root, no leading "./") matches.</summary>
    public bool IsMatch(string relativePath)
    {
        foreach (var alternative in alternatives)
        {
            if (alternative.IsMatch(relativePath))
            {
                return true;
            }
        }
        return false;
    }

    public override string ToString() => Pattern;

    private static IEnumerable<string> Segments(string alternative)
    {
        // "/x" and "./x" both mean "x at the root".
        int rootPrefix = alternative.StartsWith('/') ? 1 : alternative.StartsWith("./", StringComparison.Ordinal) ? 2 : 0;
        bool anchored = rootPrefix > 0;
        var body = alternative[rootPrefix..];
        var segments = SplitUnescaped(body);
        if (segments[^1].Length == 0 && segments.Count > 1)
        {
            segments[^1] = "**"; // "docs/" is everything under docs
        }
        return !anchored && segments.Count == 1 ? ["**", segments[0]] : segments;
    }

    private static List<string> SplitUnescaped(string text)
    {
        var parts = new List<string>();
        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == '/')
            {
                parts.Add(text[start..i]);
                start = i + 1;
            }
        }
        parts.Add(text[start..]);
        return parts;
    }

    // Checks brackets and braces over the whole pattern first, so errors name positions in what the author wrote.
    private static void Validate(string pattern)
    {
        var openBraces = new Stack<int>();
        for (int i = 0; i < pattern.Length; i++)
        {
            switch (pattern[i])
            {
                case '\\' when i + 1 == pattern.Length:
                    throw Invalid(pattern, "it ends with a lone '\\'");
                case '\\':
                    i++;
                    break;
                case '[':
                    int end = SegmentPattern.ClassEnd(pattern, i);
                    i = end >= 0 ? end : throw Invalid(pattern, $"'[' at position {i} has no closing ']'");
                    break;
                case '{':
                    openBraces.Push(i);
                    break;
                case '}':
                    if (!openBraces.TryPop(out _))
                    {
                        throw Invalid(pattern, $"'}}' at position {i} has no opening '{{'");
                    }
                    break;
            }
        }
        if (openBraces.Count > 0)
        {
            throw Invalid(pattern, $"'{{' at position {openBraces.Last()} has no closing '}}'");
        }
    }

    private static FormatException Invalid(string pattern, string reason) => new($"Invalid glob '{pattern}': {reason}.");

    // Expands the first top-level {a,b,...} and recurses on each result; the pattern is already validated.
    private static void Expand(string original, string pattern, List<string> results)
    {
        int open = -1, depth = 0;
        var commas = new List<int>();
        for (int i = 0; i < pattern.Length; i++)
        {
            switch (pattern[i])
            {
                case '\\':
                    i++;
                    break;
                case '[':
                    i = SegmentPattern.ClassEnd(pattern, i);
                    break;
                case '{':
                    if (depth++ == 0)
                    {
                        open = i;
                    }
                    break;
                case ',' when depth == 1:
                    commas.Add(i);
                    break;
                case '}':
                    if (--depth > 0)
                    {
                        break;
                    }
                    int start = open + 1;
                    foreach (int end in commas.Append(i))
                    {
                        var choice = pattern.AsSpan(start, end - start);
                        Expand(original, string.Concat(pattern.AsSpan(0, open), choice, pattern.AsSpan(i + 1)), results);
                        start = end + 1;
                    }
                    return;
            }
        }
        if (results.Count == MaxAlternatives)
        {
            throw Invalid(original, $"its braces expand to more than {MaxAlternatives} alternatives");
        }
        results.Add(pattern);
    }
}
