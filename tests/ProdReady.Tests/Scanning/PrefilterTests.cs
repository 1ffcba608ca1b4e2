using System.Buffers;
using System.Text.RegularExpressions;
using ProdReady.Catalog;
using ProdReady.Catalog.Detectors;
using ProdReady.Model;
using ProdReady.Scanning;
using ProdReady.Scanning.Content;
using ProdReady.Scanning.Evaluation;
using ProdReady.Tests.Support;

namespace ProdReady.Tests.Scanning;

/// <summary>The literal prefilter may only skip files a pattern cannot match; and it must exist for most rules.</summary>
public class PrefilterTests
{
    [Theory]
    [InlineData(@"app\.use\(helmet\(", false, "app.use(helmet(")]
    [InlineData(@"https?://", false, "http://|https://")]
    [InlineData(@"['""]/health(z)?", false, "\"/health|\"/healthz|'/health|'/healthz")]
    [InlineData(@"\b(createHmac|hmac\.new)\(", false, "createHmac(|hmac.new(")]
    [InlineData(@"^\s*USER\s+\w+", false, "USER")]
    [InlineData(@"rate.?limit", true, "limit")] // either would do; the longer is more selective
    [InlineData(@"(?i:Strict-Transport)\s*:", false, "Strict-Transport")]
    [InlineData(@"(?<name>timeout)\s*=\s*\d+", false, "timeout")]
    [InlineData(@"x{2,}abc\d{3}", false, "abc")]
    public void RequiredLiteralsAreReadFromThePattern(string pattern, bool ignoreCase, string expected)
    {
        var literals = RequiredLiterals.Of(pattern, ignoreCase);

        Assert.NotNull(literals);
        Assert.Equal(expected.Split('|').Order(StringComparer.Ordinal), literals.Values);
    }

    [Theory]
    [InlineData(@"\w+\s*=\s*\d+")] // nothing literal at all
    [InlineData(@"(foo)?bar?")] // every literal optional or shorter than the minimum
    [InlineData(@"foo|\d+")] // one branch without a literal
    [InlineData(@"(a)\1bcdef")] // back-references are not analysed
    [InlineData(@"(?x) a b c d")] // free spacing changes what is literal
    [InlineData(@"[a-z-[aeiou]]bcdef")] // class subtraction
    public void PatternsWithoutAReliableLiteralAreAlwaysRun(string pattern)
    {
        Assert.Null(RequiredLiterals.Of(pattern, ignoreCase: false));
    }

    [Fact]
    public void InlineCaseInsensitivityMakesTheWholePrefilterCaseInsensitive()
    {
        var literals = RequiredLiterals.Of(@"(?i)helmet\(", ignoreCase: false);

        Assert.True(literals!.IgnoreCase);
        Assert.Equal(["helmet("], literals.Values);
    }

    /// <summary>
    /// Soundness on real text: for every built-in content pattern and every file of this repository (sources,
    /// rules with their examples, samples, docs), a regex match implies the prefilter lets the file through.
    /// </summary>
    [Fact]
    public void PrefilterNeverSkipsAFileTheBuiltInPatternMatches()
    {
        var detectors = BuiltInContentDetectors();
        var corpus = new[] { "src", "rules", "samples", "docs", "tests/ProdReady.Tests" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, folder), "*", SearchOption.AllDirectories))
            .Where(path => !path.Contains("/bin/", StringComparison.Ordinal) && !path.Contains("/obj/", StringComparison.Ordinal))
            .Select(File.ReadAllText)
            .ToList();
        Assert.True(corpus.Count > 200, $"only {corpus.Count} files in the corpus");

        var checkedMatches = 0;
        foreach (var detector in detectors)
        {
            var literals = RequiredLiterals.Of(detector.Pattern.ToString(), detector.Pattern.Options.HasFlag(RegexOptions.IgnoreCase));
            if (literals is null)
            {
                continue;
            }
            var search = SearchValues.Create([.. literals.Values], literals.IgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
            foreach (var text in corpus.Where(text => detector.Pattern.IsMatch(text)))
            {
                checkedMatches++;
                Assert.True(text.AsSpan().ContainsAny(search), $"/{detector.Pattern}/ matches a file that has none of: {string.Join(", ", literals.Values)}");
            }
        }
        Assert.True(checkedMatches > 500, $"only {checkedMatches} matches checked");
    }

    [Fact]
    public void MostBuiltInPatternsHaveAPrefilter()
    {
        var detectors = BuiltInContentDetectors();

        var search = new ContentSearch(detectors);

        Assert.True(search.Prefiltered >= detectors.Count * 95 / 100, $"{search.Prefiltered} of {detectors.Count} patterns have a literal prefilter");
    }

    [Fact]
    public void APatternThatTimesOutIsReportedAndItsDetectorIsUnknown()
    {
        // A classic catastrophic-backtracking pattern on a line built to trigger it.
        using var repo = new TempRepo(("src/slow.py", new string('a', 64) + "!"));
        var catalog = new ControlCatalog([Rules.Control(Rules.Detector(@"content: { languages: [python], pattern: '^(a|aa)+$' }"))], [], []);

        var (facts, _, diagnostics) = Scanner.Collect(repo.Root, catalog, new ScanOptions());
        var outcome = new DetectorEvaluator(facts).Evaluate(catalog.Controls[0].Detect!);

        var warning = Assert.Single(diagnostics);
        Assert.Equal("src/slow.py", warning.File);
        Assert.Contains("timed out", warning.Message);
        Assert.Equal(ResultStatus.Unknown, outcome.ToResultStatus());
    }

    private static List<ContentDetector> BuiltInContentDetectors()
    {
        var catalog = CatalogLoader.LoadBuiltIn().Catalog;
        return [.. catalog.Controls.Select(control => control.Detect).OfType<Detector>()
            .Concat(catalog.Frameworks.Select(framework => framework.Detect))
            .Concat(catalog.Features.Select(feature => feature.Detect))
            .SelectMany(detector => detector.DescendantsAndSelf())
            .OfType<ContentDetector>()
            .Distinct()];
    }
}
