using System.Text.RegularExpressions;

namespace ProdReady.Catalog;

/// <summary>How every rule pattern is compiled: linear-time matching, line anchors, culture-independent.</summary>
public static class RulePatterns
{
    public static Regex Compile(string pattern, bool ignoreCase)
    {
        var options = RegexOptions.NonBacktracking | RegexOptions.Multiline | RegexOptions.CultureInvariant;
        return new Regex(pattern, ignoreCase ? options | RegexOptions.IgnoreCase : options);
    }
}
