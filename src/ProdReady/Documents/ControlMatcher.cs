using System.Text.RegularExpressions;
using ProdReady.Model;

namespace ProdReady.Documents;

/// <summary>
/// Matches a document item's title to the catalog control it talks about, through the aliases each control lists in
/// its rule file. An alias counts when it appears as whole words in the title; the longest wins ("rate limiting to
/// redis" beats "rate limiting"), and of equally long ones the earliest. Earliest-first alone would be wrong as often
/// as right: "Pytest unit tests" is about unit tests, not about pytest.
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
        // "Rate limiting/throttling" names two things; "CI/CD" is one word. Try both readings.
        var split = Slash().Replace(text, " ");
        (int Length, int Position, Control Control)? best = null;
        foreach (var (phrase, control) in _aliases)
        {
            if (best is { } found && phrase.Length < found.Length)
            {
                break; // longest first: nothing shorter can win
            }
            var position = Math.Min(Find(text, phrase), Find(split, phrase));
            if (position < int.MaxValue && (best is null || position < best.Value.Position))
            {
                best = (phrase.Length, position, control);
            }
        }
        return best?.Control;
    }

    /// <summary>Where the alias starts as whole words, its last word possibly plural ("rate limits" for "rate limit").</summary>
    private static int Find(string text, string phrase)
    {
        var exact = text.IndexOf($" {phrase} ", StringComparison.Ordinal);
        var plural = text.IndexOf($" {phrase}s ", StringComparison.Ordinal);
        return (exact, plural) switch
        {
            (< 0, < 0) => int.MaxValue,
            (< 0, _) => plural,
            (_, < 0) => exact,
            _ => Math.Min(exact, plural),
        };
    }

    /// <summary>Lower case, words separated by single spaces; "." "/" "-" kept only inside words (`.env`, "ci/cd", "go-live").</summary>
    private static string Normalize(string text)
    {
        var words = NonWord().Replace(text.ToLowerInvariant(), " ");
        return Spaces().Replace(LoosePunctuation().Replace(words, " "), " ").Trim();
    }

    [GeneratedRegex(@"[^\p{L}\p{N}/.\-]+")]
    private static partial Regex NonWord();

    // A full stop ending a sentence, a dash between spaces: not part of a word. A leading dot stays (`.env`).
    [GeneratedRegex(@"[./\-]+(?![\p{L}\p{N}])|(?<![\p{L}\p{N}.])[/\-]+")]
    private static partial Regex LoosePunctuation();

    [GeneratedRegex(@"(?<=\p{L})/(?=\p{L})")]
    private static partial Regex Slash();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
