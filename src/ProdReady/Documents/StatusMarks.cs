using System.Text.RegularExpressions;
using ProdReady.Model;

namespace ProdReady.Documents;

/// <summary>What the marks at the start of a line or heading say: status, priority, id, and the title left over.</summary>
public sealed record MarkedText(ItemStatus? Status, Priority? Priority, string? Id, string Title)
{
    /// <summary>Whether the status came from a word ("[COMPLETE]", "✅ COMPLETE"), not just a symbol.</summary>
    public bool StatusFromWord { get; init; }
}

/// <summary>
/// The status vocabulary of hand-written readiness documents: checkboxes ([x] [ ] [~]), status emoji, status words
/// (DONE, COMPLETE, PARTIAL, PENDING, TODO, N/A, IN PROGRESS, BLOCKED), priority tags ([CRITICAL] .. [OPTIONAL])
/// and ids such as P0.1.
/// </summary>
public static partial class StatusMarks
{
    private static readonly Dictionary<string, ItemStatus> Emoji = new(StringComparer.Ordinal)
    {
        ["✅"] = ItemStatus.Done, ["✔"] = ItemStatus.Done, ["☑"] = ItemStatus.Done, ["🟢"] = ItemStatus.Done,
        ["⏳"] = ItemStatus.Partial, ["🟡"] = ItemStatus.Partial, ["🚧"] = ItemStatus.Partial, ["🔄"] = ItemStatus.Partial, ["⚠"] = ItemStatus.Partial,
        ["❌"] = ItemStatus.Open, ["🔴"] = ItemStatus.Open, ["⛔"] = ItemStatus.Open, ["⬜"] = ItemStatus.Open, ["☐"] = ItemStatus.Open,
        ["⚪"] = ItemStatus.NotApplicable,
    };

    private static readonly Dictionary<string, Priority> PriorityTags = new(StringComparer.OrdinalIgnoreCase)
    {
        ["CRITICAL"] = Priority.P0, ["HIGH"] = Priority.P1, ["MEDIUM"] = Priority.P2, ["LOW"] = Priority.P3, ["OPTIONAL"] = Priority.P3,
    };

    public static ItemStatus? StatusOfWord(string word) => Spaces().Replace(word.Trim().ToUpperInvariant(), " ") switch
    {
        "DONE" or "COMPLETE" or "COMPLETED" or "RESOLVED" => ItemStatus.Done,
        "PARTIAL" or "PARTIALLY COMPLETE" or "IN PROGRESS" or "MOSTLY COMPLETE" or "WIP" => ItemStatus.Partial,
        "PENDING" or "TODO" or "TO DO" or "NOT STARTED" or "OPEN" or "BLOCKED" => ItemStatus.Open,
        "NOT APPLICABLE" or "N/A" or "NA" => ItemStatus.NotApplicable,
        _ => null,
    };

    /// <summary>Reads the marks of one line of text (a list item's first line or a heading).</summary>
    public static MarkedText Read(string text)
    {
        var rest = text.Replace("\uFE0F", "", StringComparison.Ordinal).Trim();
        ItemStatus? symbol = null;
        ItemStatus? word = null;
        Priority? priority = null;

        var checkbox = Checkbox().Match(rest);
        if (checkbox.Success)
        {
            symbol = checkbox.Groups[1].Value switch { "x" or "X" => ItemStatus.Done, " " => ItemStatus.Open, _ => ItemStatus.Partial };
            rest = rest[checkbox.Length..].TrimStart();
        }
        foreach (var (mark, status) in Emoji)
        {
            if (rest.StartsWith(mark, StringComparison.Ordinal))
            {
                symbol ??= status;
                rest = rest[mark.Length..].TrimStart();
                break;
            }
        }
        // Bracketed tags anywhere: [COMPLETE], [CRITICAL].
        rest = Tag().Replace(rest, match =>
        {
            var value = match.Groups[1].Value;
            if (PriorityTags.TryGetValue(value, out var tagged))
            {
                priority ??= tagged;
                return "";
            }
            if (StatusOfWord(value) is { } status)
            {
                word ??= status;
                return "";
            }
            return match.Value;
        });
        // A leading status word ("DONE - ...") or a trailing one after a symbol ("Phase 2: ... ✅ COMPLETE").
        var trailing = TrailingStatus().Match(rest);
        if (trailing.Success && StatusOfWord(trailing.Groups["word"].Value) is { } trailingStatus)
        {
            word ??= trailingStatus;
            symbol ??= trailing.Groups["emoji"].Success && Emoji.TryGetValue(trailing.Groups["emoji"].Value, out var e) ? e : null;
            rest = rest[..trailing.Index].TrimEnd();
        }
        if (DashStatus().Match(rest) is { Success: true } dashed && StatusOfWord(dashed.Groups["word"].Value) is { } dashedStatus)
        {
            word ??= dashedStatus;
            rest = rest[..dashed.Index].TrimEnd();
        }
        var leading = LeadingStatus().Match(rest);
        if (leading.Success && StatusOfWord(leading.Groups[1].Value) is { } leadingStatus)
        {
            word ??= leadingStatus;
            rest = rest[leading.Length..].TrimStart();
        }
        if (NotApplicableSuffix().Match(rest) is { Success: true } na)
        {
            word ??= ItemStatus.NotApplicable;
            rest = rest[..na.Index].TrimEnd();
        }
        string? id = null;
        var idMatch = ItemId().Match(rest);
        if (idMatch.Success)
        {
            id = idMatch.Groups["id"].Value;
            priority ??= Enum.Parse<Priority>("P" + idMatch.Groups["p"].Value);
            rest = rest[idMatch.Length..].TrimStart();
        }
        var title = rest.Trim().Trim(':', '-', '–', ' ').Trim();
        return new MarkedText(word ?? symbol, priority, id, title) { StatusFromWord = word is not null };
    }

    /// <summary>The status symbol a heading ends with ("Security ⚠️"), if any.</summary>
    public static ItemStatus? TrailingMark(string heading)
    {
        var text = heading.Replace("\uFE0F", "", StringComparison.Ordinal).TrimEnd();
        return Emoji.Where(pair => text.EndsWith(pair.Key, StringComparison.Ordinal) && text.Length > pair.Key.Length)
            .Select(pair => (ItemStatus?)pair.Value).FirstOrDefault();
    }

    /// <summary>The priority a section heading gives its items: "P0 - Critical ...", "P1 High-Priority ...".</summary>
    public static Priority? SectionPriority(string heading)
    {
        var match = SectionPriorityPattern().Match(heading.Replace("\uFE0F", "", StringComparison.Ordinal));
        return match.Success ? Enum.Parse<Priority>("P" + match.Groups[1].Value) : null;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"^\[([ xX~\-])\]")]
    private static partial Regex Checkbox();

    [GeneratedRegex(@"\[([A-Za-z/ ]{2,20})\]")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\s+(?<emoji>✅|⏳|❌|⚪|🟡|🔴|🟢)?\s*(?<word>COMPLETE|COMPLETED|DONE|PARTIAL|IN PROGRESS|MOSTLY COMPLETE|PENDING|TODO|NOT STARTED|BLOCKED|NOT APPLICABLE|N/A)\s*(?:\([^)]*\))?\s*$")]
    private static partial Regex TrailingStatus();

    // "Replace dev API key - Done", "Scan dependencies - Done (pip-audit)".
    [GeneratedRegex(@"\s+[-–—]\s*(?<word>done|complete|completed|resolved|partial|in progress|pending|todo|blocked|n/a)\s*(?:\([^)]*\))?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex DashStatus();

    [GeneratedRegex(@"^(DONE|COMPLETE|PARTIAL|PENDING|TODO|BLOCKED|N/A|NOT APPLICABLE|RESOLVED|IN PROGRESS)\b\s*[-–:]?")]
    private static partial Regex LeadingStatus();

    [GeneratedRegex(@"\s*\((N/A|not applicable)\)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex NotApplicableSuffix();

    [GeneratedRegex(@"^(?<id>P(?<p>[0-3])\.\d+)\b\s*:?")]
    private static partial Regex ItemId();

    [GeneratedRegex(@"^(?:[^\w]*\s*)?P([0-3])\b")]
    private static partial Regex SectionPriorityPattern();
}
