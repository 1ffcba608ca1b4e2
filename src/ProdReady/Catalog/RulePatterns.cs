using System.Text.RegularExpressions;

namespace ProdReady.Catalog;

/// <summary>
/// How every rule pattern is compiled: line anchors, culture-independent, compiled to IL, and bounded by a match
/// timeout. The backtracking engine with a timeout is used rather than the non-backtracking one because the latter
/// costs seconds and hundreds of megabytes to build for a catalog this size; the timeout keeps a pathological
/// pattern or file from stalling a scan (it is reported, and the detector becomes unknown rather than failing).
/// </summary>
public static class RulePatterns
{
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    public static Regex Compile(string pattern, bool ignoreCase)
    {
        var options = RegexOptions.Compiled | RegexOptions.Multiline | RegexOptions.CultureInvariant;
        return new Regex(pattern, ignoreCase ? options | RegexOptions.IgnoreCase : options, MatchTimeout);
    }
}
