namespace ProdReady.Scanning.Paths;

/// <summary>
/// A '/'-separated pattern matched segment by segment against a relative path, where a <c>**</c> segment stands
/// for zero or more whole segments. Shared by globs and ignore files, which differ only in how they build it.
/// </summary>
internal sealed class PathPattern
{
    private const string Globstar = "**";

    // null marks a "**" segment.
    private readonly SegmentPattern?[] segments;

    // Segments before the first "**" and after the last one match at fixed positions; only the middle searches.
    private readonly int fixedPrefix;
    private readonly int fixedSuffix;
    private readonly bool hasGlobstar;

    private PathPattern(SegmentPattern?[] segments)
    {
        this.segments = segments;
        int first = Array.IndexOf(segments, null);
        hasGlobstar = first >= 0;
        fixedPrefix = hasGlobstar ? first : segments.Length;
        fixedSuffix = hasGlobstar ? segments.Length - 1 - Array.LastIndexOf(segments, null) : 0;
    }

    /// <summary>Builds a pattern from raw segments ("**" is the globstar); false with a reason when one is malformed.</summary>
    public static bool TryCreate(IEnumerable<string> rawSegments, bool ignoreCase, out PathPattern? pattern, out string? error)
    {
        var segments = new List<SegmentPattern?>();
        foreach (var raw in rawSegments)
        {
            if (raw == Globstar)
            {
                if (segments.Count == 0 || segments[^1] is not null)
                {
                    segments.Add(null); // "**/**" is the same as "**"
                }
                continue;
            }
            if (!SegmentPattern.TryParse(raw, ignoreCase, out var segment, out error))
            {
                pattern = null;
                return false;
            }
            segments.Add(segment);
        }
        pattern = new PathPattern([.. segments]);
        error = null;
        return true;
    }

    /// <summary>"**/name": decided by the last path segment alone.</summary>
    public bool IsNameOnly => segments is [null, not null];

    public bool IsMatch(ReadOnlySpan<char> path)
    {
        // A last segment that is not "**" must match the path's last segment: checking it first rejects most
        // paths without splitting them. For "**/name", the most common shape, it is the whole answer.
        if (segments is [.., { } last] && !last.IsMatch(path[(path.LastIndexOf('/') + 1)..]))
        {
            return false;
        }
        if (segments is [null, not null])
        {
            return true;
        }
        int count = path.Count('/') + 1;
        Span<Range> ranges = count <= 64 ? stackalloc Range[count] : new Range[count];
        path.Split(ranges, '/');
        return IsMatch(path, ranges);
    }

    private bool IsMatch(ReadOnlySpan<char> path, ReadOnlySpan<Range> parts)
    {
        if (!hasGlobstar)
        {
            return parts.Length == segments.Length && MatchesAt(path, parts, 0, 0, segments.Length);
        }
        if (fixedPrefix + fixedSuffix > parts.Length
            || !MatchesAt(path, parts, 0, 0, fixedPrefix)
            || !MatchesAt(path, parts, segments.Length - fixedSuffix, parts.Length - fixedSuffix, fixedSuffix))
        {
            return false;
        }
        return MiddleMatches(path, parts[fixedPrefix..^fixedSuffix], fixedPrefix, segments.Length - fixedSuffix);
    }

    private bool MatchesAt(ReadOnlySpan<char> path, ReadOnlySpan<Range> parts, int segment, int part, int count)
    {
        for (int k = 0; k < count; k++)
        {
            if (!segments[segment + k]!.IsMatch(path[parts[part + k]]))
            {
                return false;
            }
        }
        return true;
    }

    // segments[from..to] starts and ends with "**"; the same last-star backtracking as within a segment, one level up.
    private bool MiddleMatches(ReadOnlySpan<char> path, ReadOnlySpan<Range> parts, int from, int to)
    {
        int p = from, s = 0, starSegment = -1, starPart = 0;
        while (s < parts.Length)
        {
            if (p < to && segments[p] is null)
            {
                starSegment = p++;
                starPart = s;
            }
            else if (p < to && segments[p]!.IsMatch(path[parts[s]]))
            {
                p++;
                s++;
            }
            else if (starSegment >= 0)
            {
                p = starSegment + 1;
                s = ++starPart;
            }
            else
            {
                return false;
            }
        }
        while (p < to && segments[p] is null)
        {
            p++;
        }
        return p == to;
    }
}
