using System.Buffers;
using System.Text.RegularExpressions;
using ProdReady.Catalog.Detectors;

namespace ProdReady.Scanning.Content;

/// <summary>
/// Every content detector of a scan, compiled for the file pass: which detectors search a file (by language, then
/// by glob) and, per pattern, the literals it requires, so a file that lacks them never reaches the regex engine.
/// </summary>
internal sealed class ContentSearch
{
    // .NET's case-insensitive matching also equates 'k' with the Kelvin sign; OrdinalIgnoreCase does not.
    private const char KelvinSign = '\u212A';

    private readonly ContentDetector[] _detectors;
    private readonly Prefilter?[] _prefilters;
    private readonly Dictionary<string, (int[] Anywhere, int[] Globbed)> _byLanguage;
    private readonly int[] _globOnly;

    public ContentSearch(IReadOnlyList<ContentDetector> detectors)
    {
        _detectors = [.. detectors];
        _prefilters = [.. _detectors.Select(detector => Prefilter.For(detector.Pattern.ToString(), detector.Pattern.Options.HasFlag(RegexOptions.IgnoreCase)))];
        var indices = Enumerable.Range(0, _detectors.Length).ToArray();
        _byLanguage = Languages.All.ToDictionary(
            language => language,
            language => (
                indices.Where(i => _detectors[i].Languages.Contains(language) && _detectors[i].Files.Count == 0).ToArray(),
                indices.Where(i => _detectors[i].Languages.Contains(language) && _detectors[i].Files.Count > 0).ToArray()));
        _globOnly = [.. indices.Where(i => _detectors[i].Languages.Count == 0)];
    }

    public IReadOnlyList<ContentDetector> Detectors => _detectors;

    /// <summary>How many patterns have a literal prefilter (for tests and the benchmark's curiosity).</summary>
    public int Prefiltered => _prefilters.Count(prefilter => prefilter is not null);

    /// <summary>Whether any detector searches this file, so whether it needs reading for content.</summary>
    public bool Searches(RepoFile file)
    {
        var (anywhere, globbed) = _byLanguage.GetValueOrDefault(file.Language, ([], []));
        return anywhere.Length > 0 || globbed.Any(i => InGlobs(i, file)) || _globOnly.Any(i => InGlobs(i, file));
    }

    /// <summary>Runs every detector that applies to the file over its comment-blanked text, tallying into <paramref name="tally"/>.</summary>
    public void Search(RepoFile file, ReadOnlySpan<char> text, ReadOnlySpan<char> blanked, ContentTally tally)
    {
        var hasKelvin = blanked.Contains(KelvinSign);
        var (anywhere, globbed) = _byLanguage.GetValueOrDefault(file.Language, ([], []));
        foreach (var i in anywhere)
        {
            Run(i, file, text, blanked, hasKelvin, tally);
        }
        foreach (var i in globbed)
        {
            if (InGlobs(i, file))
            {
                Run(i, file, text, blanked, hasKelvin, tally);
            }
        }
        foreach (var i in _globOnly)
        {
            if (InGlobs(i, file))
            {
                Run(i, file, text, blanked, hasKelvin, tally);
            }
        }
    }

    private void Run(int i, RepoFile file, ReadOnlySpan<char> text, ReadOnlySpan<char> blanked, bool hasKelvin, ContentTally tally)
    {
        tally.Searched[i]++;
        if (_prefilters[i] is { } prefilter && !prefilter.MayMatch(blanked, hasKelvin))
        {
            return;
        }
        int index;
        try
        {
            index = FirstMatch(_detectors[i].Pattern, blanked);
        }
        catch (RegexMatchTimeoutException)
        {
            tally.TimedOut(i, file.Path);
            return;
        }
        if (index < 0)
        {
            return;
        }
        tally.Matched[i]++;
        if (tally.Wants(i, file.Path))
        {
            var line = TextLines.LineOf(blanked, index);
            tally.Keep(i, new ContentHit(file.Path, line, TextLines.Excerpt(text, line)));
        }
    }

    private static int FirstMatch(Regex pattern, ReadOnlySpan<char> text)
    {
        foreach (var match in pattern.EnumerateMatches(text))
        {
            return match.Index;
        }
        return -1;
    }

    private bool InGlobs(int i, RepoFile file)
    {
        foreach (var glob in _detectors[i].Files)
        {
            if (glob.IsMatch(file.Path))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The literals of one pattern as a vectorised multi-string search.</summary>
    private sealed class Prefilter(SearchValues<string> literals, bool kelvinSensitive)
    {
        public static Prefilter? For(string pattern, bool ignoreCase)
        {
            if (RequiredLiterals.Of(pattern, ignoreCase) is not { } required)
            {
                return null;
            }
            var comparison = required.IgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            var kelvinSensitive = required.IgnoreCase && required.Values.Any(value => value.Contains('k', StringComparison.OrdinalIgnoreCase));
            return new Prefilter(SearchValues.Create([.. required.Values], comparison), kelvinSensitive);
        }

        public bool MayMatch(ReadOnlySpan<char> text, bool hasKelvin) => (kelvinSensitive && hasKelvin) || text.ContainsAny(literals);
    }
}
