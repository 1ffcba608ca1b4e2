using System.Text.RegularExpressions;

namespace ProdReady.Documents;

/// <summary>
/// How alike two item titles are, the way a reader compares a next-step line with the item it names:
/// "Test backup restoration procedure" is "Test backup restoration", "Data encryption at rest" is "Encrypt data at
/// rest". Titles become content words (no filler, no plan verbs such as "add" or "set up", no parenthesised
/// asides, no numbers); two words match when equal or when one starts the other ("scan" / "scanning") or they
/// share a 5-letter stem ("restoration" / "restore"). The score is the Dice coefficient over matched words.
/// </summary>
public static partial class TitleSimilarity
{
    /// <summary>
    /// Tuned on the seed documents and the fixtures (see TitleSimilarityTests): above 0.5, with at least two matched
    /// words, pairs the restated items the authors meant and no two different ones. At exactly 0.5 two four-word
    /// titles share only a tool name ("Add Trivy scanning to GitHub Actions" / "GitHub Actions auto-deploy"); one
    /// shared word ("documentation", "container") is never enough.
    /// </summary>
    public const double Threshold = 0.55;

    public const int MinimumSharedWords = 2;

    private static readonly HashSet<string> Filler = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "and", "or", "for", "to", "in", "of", "on", "at", "with", "via", "by", "from", "into", "our", "all",
        "is", "are", "be", "as", "it", "its", "this", "that", "per", "each", "every", "new", "now", "still",
        // plan verbs: "Add X", "Set up X", "Implement X" name the same thing as "X"
        "add", "added", "set", "setup", "up", "implement", "implemented", "enable", "enabled", "configure", "configured", "create",
        "conduct", "complete", "completed", "integrate", "introduce", "establish", "ensure", "use", "make", "do", "finish", "start",
        "begin", "done", "todo", "pending", "partial",
    };

    /// <summary>Words that make a step extend something rather than name it: "Add more alert rules" is not "Alerting rules".</summary>
    private static readonly HashSet<string> Incremental = new(StringComparer.Ordinal) { "more", "additional", "further", "expand", "extra", "remaining", "again" };

    /// <summary>The content words of a title, or none when the title only extends something that exists.</summary>
    public static IReadOnlyList<string> Words(string title)
    {
        var words = Word().Matches(Aside().Replace(title.ToLowerInvariant(), " ")).Select(match => match.Value).ToList();
        if (words.Any(Incremental.Contains))
        {
            return [];
        }
        return [.. words.Where(word => !Filler.Contains(word) && !word.All(char.IsAsciiDigit)).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>Matched words and the Dice score of two word lists.</summary>
    public static (int Shared, double Score) Compare(IReadOnlyList<string> left, IReadOnlyList<string> right)
    {
        if (left.Count == 0 || right.Count == 0)
        {
            return (0, 0);
        }
        Span<bool> used = right.Count <= 256 ? stackalloc bool[right.Count] : new bool[right.Count];
        var shared = 0;
        foreach (var word in left)
        {
            for (var index = 0; index < right.Count; index++)
            {
                if (!used[index] && SameWord(word, right[index]))
                {
                    used[index] = true;
                    shared++;
                    break;
                }
            }
        }
        return (shared, 2.0 * shared / (left.Count + right.Count));
    }

    /// <summary>
    /// What two words must have in common to match: their first three letters (or the whole word, when shorter).
    /// Indexing titles by it keeps a long document from comparing every line with every item.
    /// </summary>
    public static string Key(string word) => word.Length <= 3 ? word : word[..3];

    public static bool IsMatch((int Shared, double Score) comparison) => comparison.Shared >= MinimumSharedWords && comparison.Score >= Threshold;

    private static bool SameWord(string left, string right)
    {
        if (left == right)
        {
            return true;
        }
        var (shorter, longer) = left.Length <= right.Length ? (left, right) : (right, left);
        if (shorter.Length >= 3 && longer.StartsWith(shorter, StringComparison.Ordinal))
        {
            return true;
        }
        var common = 0;
        while (common < shorter.Length && shorter[common] == longer[common])
        {
            common++;
        }
        return common >= 5;
    }

    [GeneratedRegex(@"\([^)]*\)|\[[^\]]*\]")]
    private static partial Regex Aside();

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();
}
