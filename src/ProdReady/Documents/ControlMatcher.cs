using System.Text.RegularExpressions;
using ProdReady.Model;

namespace ProdReady.Documents;

/// <summary>
/// Matches a document item's title to the catalog control it talks about, through the aliases each control lists in
/// its rule file: the longest alias found as whole words in the title wins ("rate limiting to redis" over "rate limiting").
/// </summary>
public sealed partial class ControlMatcher(IEnumerable<Control> controls)
{
    private readonly List<(string Phrase, Control Control)> _aliases =
        [.. controls.SelectMany(control => control.Aliases.Select(alias => (Normalize(alias), control)))
            .Where(pair => pair.Item1.Length > 0)
            .OrderByDescending(pair => pair.Item1.Length)];

    public Control? Match(string title)
    {
        var text = $" {Normalize(title)} ";
        foreach (var (phrase, control) in _aliases)
        {
            // A plural of the alias's last word counts too ("rate limits" for "rate limit").
            if (text.Contains($" {phrase} ", StringComparison.Ordinal) || text.Contains($" {phrase}s ", StringComparison.Ordinal))
            {
                return control;
            }
        }
        return null;
    }

    private static string Normalize(string text) => Spaces().Replace(NonWord().Replace(text.ToLowerInvariant(), " "), " ").Trim();

    [GeneratedRegex(@"[^\p{L}\p{N}/.\-]+")]
    private static partial Regex NonWord();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
