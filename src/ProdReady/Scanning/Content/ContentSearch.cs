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
    private readonly string[] _literals;
    private readonly Dictionary<string, (int[] Anywhere, int[] Globbed, LiteralSet Literals)> _byLanguage;
    private readonly int[] _globOnly;
    private readonly LiteralSet _globOnlyLiterals;

    public ContentSearch(IReadOnlyList<ContentDetector> detectors)
    {
        _detectors = [.. detectors];
        var required = _detectors.Select(detector => RequiredLiterals.Of(detector.Pattern.ToString(), detector.Pattern.Options.HasFlag(RegexOptions.IgnoreCase))).ToArray();
        _literals = [.. required.SelectMany(literals => literals?.Values ?? []).Distinct(StringComparer.Ordinal)];
        var idOf = _literals.Select((literal, id) => (literal, id)).ToDictionary(pair => pair.literal, pair => pair.id, StringComparer.Ordinal);
        _prefilters = [.. required.Select(literals => literals is null ? null : new Prefilter(
            [.. literals.Values.Select(value => idOf[value])],
            literals.IgnoreCase,
            KelvinSensitive: literals.IgnoreCase && literals.Values.Any(value => value.Contains('k', StringComparison.OrdinalIgnoreCase))))];
        var indices = Enumerable.Range(0, _detectors.Length).ToArray();
        _globOnly = [.. indices.Where(i => _detectors[i].Languages.Count == 0)];
        _globOnlyLiterals = LiteralsOf(_globOnly);
        _byLanguage = Languages.All.ToDictionary(language => language, language =>
        {
            int[] anywhere = [.. indices.Where(i => _detectors[i].Languages.Contains(language) && _detectors[i].Files.Count == 0)];
            int[] globbed = [.. indices.Where(i => _detectors[i].Languages.Contains(language) && _detectors[i].Files.Count > 0)];
            return (anywhere, globbed, LiteralsOf([.. anywhere, .. globbed, .. _globOnly]));
        });
    }

    public IReadOnlyList<ContentDetector> Detectors => _detectors;

    /// <summary>Size of the literal table, for sizing a worker's <see cref="LiteralMarks"/>.</summary>
    public int LiteralCount => _literals.Length;

    /// <summary>How many patterns have a literal prefilter.</summary>
    public int Prefiltered => _prefilters.Count(prefilter => prefilter is not null);

    /// <summary>Whether any detector searches this file, so whether it needs reading for content.</summary>
    public bool Searches(RepoFile file)
    {
        var (anywhere, globbed, _) = LanguageOf(file);
        foreach (var i in anywhere)
        {
            if (Covers(i, file))
            {
                return true;
            }
        }
        return AnyInGlobs(globbed, file) || AnyInGlobs(_globOnly, file);
    }

    private bool AnyInGlobs(int[] detectors, RepoFile file)
    {
        foreach (var i in detectors)
        {
            if (Covers(i, file) && InGlobs(i, file))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Runs every detector that applies to the file over its comment-blanked text, tallying into <paramref name="tally"/>.</summary>
    public void Search(RepoFile file, ReadOnlySpan<char> text, ReadOnlySpan<char> blanked, ContentTally tally, LiteralMarks marks)
    {
        var (anywhere, globbed, literals) = LanguageOf(file);
        marks.Reset();
        literals.Mark(blanked, marks);
        var hasKelvin = blanked.Contains(KelvinSign);
        foreach (var i in anywhere)
        {
            if (Covers(i, file))
            {
                Run(i, file, text, blanked, tally, marks, hasKelvin);
            }
        }
        foreach (var i in globbed)
        {
            if (Covers(i, file) && InGlobs(i, file))
            {
                Run(i, file, text, blanked, tally, marks, hasKelvin);
            }
        }
        foreach (var i in _globOnly)
        {
            if (Covers(i, file) && InGlobs(i, file))
            {
                Run(i, file, text, blanked, tally, marks, hasKelvin);
            }
        }
    }

    private (int[] Anywhere, int[] Globbed, LiteralSet Literals) LanguageOf(RepoFile file) =>
        _byLanguage.TryGetValue(file.Language, out var entry) ? entry : ([], [], _globOnlyLiterals);

    private LiteralSet LiteralsOf(IEnumerable<int> detectors) =>
        new(_literals, detectors.SelectMany(i => _prefilters[i]?.Literals ?? []));

    private void Run(int i, RepoFile file, ReadOnlySpan<char> text, ReadOnlySpan<char> blanked, ContentTally tally, LiteralMarks marks, bool hasKelvin)
    {
        tally.Searched[i]++;
        if (_prefilters[i] is { } prefilter && !prefilter.MayMatch(marks, hasKelvin))
        {
            return;
        }
        int index;
        try
        {
            index = FirstCountedMatch(_detectors[i], blanked);
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

    /// <summary>The first match that the detector's `unless` pattern does not discount, or -1.</summary>
    private static int FirstCountedMatch(ContentDetector detector, ReadOnlySpan<char> text)
    {
        foreach (var match in detector.Pattern.EnumerateMatches(text))
        {
            if (detector.Unless is not { } unless || !unless.IsMatch(text.Slice(match.Index, match.Length)))
            {
                return match.Index;
            }
        }
        return -1;
    }

    /// <summary>Test code and test data are searched only by detectors that ask for them.</summary>
    private bool Covers(int i, RepoFile file) => !file.IsTest || _detectors[i].Tests;

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

    /// <summary>One pattern's literals (ids into the table): the file may match only if it holds one of them.</summary>
    private sealed record Prefilter(int[] Literals, bool IgnoreCase, bool KelvinSensitive)
    {
        public bool MayMatch(LiteralMarks marks, bool hasKelvin)
        {
            if (KelvinSensitive && hasKelvin)
            {
                return true;
            }
            foreach (var id in Literals)
            {
                if (marks.Holds(id, IgnoreCase))
                {
                    return true;
                }
            }
            return false;
        }
    }
}
