using System.Globalization;
using System.Text.RegularExpressions;
using ProdReady.Model;

namespace ProdReady.Documents;

public sealed record LintOptions
{
    /// <summary>The day the document is judged on (dates in the past, age).</summary>
    public DateOnly Today { get; init; } = DateOnly.FromDateTime(DateTime.UtcNow);

    /// <summary>A document last updated longer ago than this is stale.</summary>
    public int MaxAgeDays { get; init; } = 90;
}

/// <summary>
/// The document against itself: the claims it makes (counts, percentages, "production ready") recomputed from its
/// own items, and items that contradict their parents or their dates. Each finding has a stable id.
/// </summary>
public static partial class DocumentLinter
{
    public static IReadOnlyList<DocumentFinding> Lint(ReadinessDocument document, LintOptions options)
    {
        var items = document.TrackedItems().ToList();
        return [.. Counts(document, items)
            .Concat(CountsAddUp(document))
            .Concat(Percentages(document, items))
            .Concat(ReadyWithOpenCritical(document, items))
            .Concat(DoneWithOpenChildren([.. document.AllItems()]))
            .Concat(SectionsMarkedDone(document, items))
            .Concat(MentionsThatContradict(document, items))
            .Concat(PastTargets(items, options))
            .Concat(Stale(document, options))
            .Concat(DuplicateIds(items))
            .Concat(OverallScore(document, items))
            .Concat(ProseArithmetic(document))
            .Concat(ScoreTableLint.Lint(document, items))
            .OrderBy(finding => finding.Line)
            .ThenBy(finding => finding.Id, StringComparer.Ordinal)];
    }

    /// <summary>The status in words, for messages ("not applicable").</summary>
    public static string Describe(ItemStatus status) => status.ToId().Replace('-', ' ');

    private static string LineList(IEnumerable<DocItem> items)
    {
        var lines = items.Select(item => item.Line).ToList();
        return lines.Count == 0 ? "" : $" (line{(lines.Count == 1 ? "" : "s")} {string.Join(", ", lines.Take(12))}{(lines.Count > 12 ? ", ..." : "")})";
    }

    /// <summary>doc.count-mismatch: "Completed: 11" while 9 items are marked done; "Critical Items Remaining: 2" while 3 are.</summary>
    private static IEnumerable<DocumentFinding> Counts(ReadinessDocument document, List<DocItem> items)
    {
        foreach (var claim in document.Counts)
        {
            var matching = items.Where(claim.Counts).ToList();
            if (matching.Count == claim.Count)
            {
                continue;
            }
            var were = matching.Count == 1 ? " is" : "s are";
            var what = claim switch
            {
                { IsTotal: true } => $"the document has {matching.Count} items",
                { Remaining: true } => $"{matching.Count} P0/CRITICAL item{were} not done{LineList(matching)}",
                _ => $"{matching.Count} item{were} marked {Describe(claim.Status!.Value)}{LineList(matching)}",
            };
            yield return new DocumentFinding("doc.count-mismatch", FindingSeverity.Error, claim.Line, $"Summary says {claim.Label}: {claim.Count}; {what}");
        }
    }

    /// <summary>doc.count-sum: the stated counts per status do not add up to the stated total.</summary>
    private static IEnumerable<DocumentFinding> CountsAddUp(ReadinessDocument document)
    {
        var total = document.Counts.FirstOrDefault(claim => claim.IsTotal);
        var parts = PerStatus(document);
        if (total is null || parts.Count < 2)
        {
            yield break;
        }
        var sum = parts.Sum(part => part.Count);
        if (sum != total.Count)
        {
            yield return new DocumentFinding("doc.count-sum", FindingSeverity.Error, total.Line,
                $"{string.Join(" + ", parts.Select(part => $"{part.Label} {part.Count}"))} = {sum}, but {total.Label} says {total.Count}");
        }
    }

    /// <summary>The claims that count one status over all items ("Completed: 11"), which add up to the total.</summary>
    private static List<CountClaim> PerStatus(ReadinessDocument document) =>
        [.. document.Counts.Where(claim => claim.Status is not null && claim.Priority is null && !claim.Remaining)];

    /// <summary>doc.percentage: "Completed: 11 (65%)" where 11 of the total is not 65%.</summary>
    private static IEnumerable<DocumentFinding> Percentages(ReadinessDocument document, List<DocItem> items)
    {
        var total = document.Counts.FirstOrDefault(claim => claim.IsTotal)?.Count ?? items.Count;
        foreach (var claim in PerStatus(document).Where(claim => claim.Percent is not null))
        {
            var actual = total == 0 ? 0 : 100.0 * claim.Count / total;
            if (Math.Abs(actual - claim.Percent!.Value) > 1.0)
            {
                yield return new DocumentFinding("doc.percentage", FindingSeverity.Warning, claim.Line,
                    $"{claim.Label}: {claim.Count} of {total} is {Format(actual)}%, not {Format(claim.Percent.Value)}%");
            }
        }
    }

    /// <summary>doc.ready-with-open-critical: the document calls itself production ready while P0 / CRITICAL items are open.</summary>
    private static IEnumerable<DocumentFinding> ReadyWithOpenCritical(ReadinessDocument document, List<DocItem> items)
    {
        var firstItemLine = items.Count == 0 ? int.MaxValue : items.Min(item => item.Line);
        var open = items.Where(item => item.Priority == Priority.P0 && item.Status is ItemStatus.Open or ItemStatus.Partial).ToList();
        foreach (var (text, line) in document.StatusClaims.Where(claim => claim.Line < firstItemLine && !claim.Text.Contains("not", StringComparison.OrdinalIgnoreCase)))
        {
            if (open.Count > 0)
            {
                yield return new DocumentFinding("doc.ready-with-open-critical", FindingSeverity.Error, line,
                    $"claims \"{text}\" while {open.Count} P0/CRITICAL item{(open.Count == 1 ? " is" : "s are")} not done: {string.Join("; ", open.Take(5).Select(item => $"{item.Title} ({Describe(item.Status)}, line {item.Line})"))}{(open.Count > 5 ? "; ..." : "")}");
            }
        }
    }

    /// <summary>doc.done-with-open-children: a milestone, phase or item marked done while its tasks or acceptance criteria are not.</summary>
    private static IEnumerable<DocumentFinding> DoneWithOpenChildren(List<DocItem> items)
    {
        foreach (var item in items.Where(item => item.Status == ItemStatus.Done && item.Children.Count > 0))
        {
            var open = Descendants(item).Where(child => child.Status is ItemStatus.Open or ItemStatus.Partial).ToList();
            if (open.Count == 0)
            {
                continue;
            }
            var criteria = open.Count(child => child.IsAcceptanceCriterion);
            var tasks = open.Count - criteria;
            var what = string.Join(" and ", new[]
            {
                tasks == 0 ? null : $"{tasks} item{(tasks == 1 ? "" : "s")}",
                criteria == 0 ? null : $"{criteria} acceptance criteri{(criteria == 1 ? "on" : "a")}",
            }.OfType<string>());
            yield return new DocumentFinding("doc.done-with-open-children", FindingSeverity.Warning, item.Line,
                $"\"{item.Title}\" is marked done, but {what} under it {(open.Count == 1 ? "is" : "are")} not{LineList(open)}");
        }
    }

    /// <summary>
    /// doc.done-with-open-children for a section whose heading is marked done ("## Code Quality ✅") while items in
    /// it are open; only when the headings' marks vary, so they are statuses and not icons.
    /// </summary>
    private static IEnumerable<DocumentFinding> SectionsMarkedDone(ReadinessDocument document, List<DocItem> items)
    {
        if (document.Sections.Select(section => section.Mark).OfType<ItemStatus>().Distinct().Count() < 2)
        {
            yield break;
        }
        var sections = document.Sections.ToList();
        for (var index = 0; index < sections.Count; index++)
        {
            var section = sections[index];
            if (section.Mark != ItemStatus.Done)
            {
                continue;
            }
            var end = sections.Skip(index + 1).FirstOrDefault(next => next.Level <= section.Level)?.Line ?? int.MaxValue;
            var open = items.Where(item => item.Line > section.Line && item.Line < end && item.Status is ItemStatus.Open or ItemStatus.Partial).ToList();
            if (open.Count > 0)
            {
                yield return new DocumentFinding("doc.done-with-open-children", FindingSeverity.Warning, section.Line,
                    $"section \"{section.Title}\" is marked done, but {open.Count} item{(open.Count == 1 ? " in it is" : "s in it are")} not{LineList(open)}");
            }
        }
    }

    private static IEnumerable<DocItem> Descendants(DocItem item) => item.Children.SelectMany(child => (IEnumerable<DocItem>)[child, .. Descendants(child)]);

    /// <summary>
    /// doc.reference-contradicts: a checklist, next-step, plan or risk line that gives an item another status than
    /// the item itself, or still lists a done item as a step to take. Lines name items by id, or else by a title
    /// alike enough (TitleSimilarity); when several items are equally alike, all of them must disagree.
    /// </summary>
    private static IEnumerable<DocumentFinding> MentionsThatContradict(ReadinessDocument document, List<DocItem> items)
    {
        var byId = items.Where(item => item.Id is not null).GroupBy(item => item.Id!, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(group => group.Key, group => group.First(), StringComparer.OrdinalIgnoreCase);
        var titled = new TitleIndex(items);
        foreach (var mention in document.Mentions)
        {
            var kind = mention.Section.Contains("risk", StringComparison.OrdinalIgnoreCase) ? MentionKind.Risk
                : StepsSection().IsMatch(mention.Section) ? MentionKind.Step : MentionKind.Checklist;
            if (mention.Ids.Count > 0)
            {
                foreach (var item in mention.Ids.Select(id => byId.GetValueOrDefault(id)).OfType<DocItem>().Where(item => Contradicts(mention, item, kind)))
                {
                    yield return new DocumentFinding("doc.reference-contradicts", FindingSeverity.Warning, mention.Line, ByIdMessage(mention, item, kind));
                }
                continue;
            }
            var alike = MostAlike(mention, titled);
            if (alike.Count > 0 && alike.All(item => Contradicts(mention, item, kind)))
            {
                yield return new DocumentFinding("doc.reference-contradicts", FindingSeverity.Warning, mention.Line, ByTitleMessage(mention, alike, kind));
            }
        }
    }

    /// <summary>Where a line sits decides what its status means: a risk still open, a step still to take, a box to tick.</summary>
    private enum MentionKind { Risk, Step, Checklist }

    private static bool IsDone(ItemStatus status) => status is ItemStatus.Done or ItemStatus.NotApplicable;

    private static bool Contradicts(DocMention mention, DocItem item, MentionKind kind) => (kind, mention.Status) switch
    {
        // In a risk list a warning mark means the risk is still there, so the item is not done.
        (MentionKind.Risk, var status) => (status is not { } risk || !IsDone(risk)) == IsDone(item.Status),
        // Open and partial agree: both say the work is not finished.
        (_, { } status) => IsDone(status) != IsDone(item.Status),
        (MentionKind.Step, null) => IsDone(item.Status),
        _ => false,
    };

    private static List<DocItem> MostAlike(DocMention mention, TitleIndex items)
    {
        var words = TitleSimilarity.Words(mention.Title);
        var scored = items.Candidates(words).Select(entry => (entry.Item, Comparison: TitleSimilarity.Compare(words, entry.Words)))
            .Where(entry => TitleSimilarity.IsMatch(entry.Comparison)).ToList();
        if (scored.Count == 0)
        {
            return [];
        }
        var best = scored.Max(entry => entry.Comparison.Score);
        return [.. scored.Where(entry => entry.Comparison.Score >= best - 1e-9).Select(entry => entry.Item)];
    }

    private static string ByIdMessage(DocMention mention, DocItem item, MentionKind kind) => (kind, mention.Status) switch
    {
        (MentionKind.Risk, var status) when status is not { } risk || !IsDone(risk) =>
            $"\"{mention.Text}\" ({mention.Section}) still lists {item.Id} as a risk, but the item is {Describe(item.Status)} (line {item.Line})",
        (MentionKind.Risk, _) => $"\"{mention.Text}\" ({mention.Section}) calls {item.Id} resolved, but the item is {Describe(item.Status)} (line {item.Line})",
        (_, { } status) => $"\"{mention.Text}\" ({mention.Section}) marks {item.Id} {Describe(status)}, but the item is {Describe(item.Status)} (line {item.Line})",
        _ => $"\"{mention.Text}\" ({mention.Section}) still lists {item.Id}, which is {Describe(item.Status)} (line {item.Line})",
    };

    private static string ByTitleMessage(DocMention mention, List<DocItem> items, MentionKind kind)
    {
        var named = string.Join(" and ", items.Select(item => $"\"{item.Title}\" is {Describe(item.Status)} (line {item.Line})"));
        return (kind, mention.Status) switch
        {
            (MentionKind.Risk, var status) when status is not { } risk || !IsDone(risk) => $"\"{mention.Text}\" ({mention.Section}) still lists it as a risk, but {named}",
            (MentionKind.Risk, _) => $"\"{mention.Text}\" ({mention.Section}) calls it resolved, but {named}",
            (_, { } status) => $"\"{mention.Text}\" ({mention.Section}) marks it {Describe(status)}, but {named}",
            _ => $"\"{mention.Text}\" ({mention.Section}) still lists it as a step, but {named}",
        };
    }

    /// <summary>doc.past-target: an item still open after its target date.</summary>
    private static IEnumerable<DocumentFinding> PastTargets(List<DocItem> items, LintOptions options) =>
        items.Where(item => item.Target is { } target && target < options.Today && item.Status is ItemStatus.Open or ItemStatus.Partial)
            .Select(item => new DocumentFinding("doc.past-target", FindingSeverity.Warning, item.Line,
                $"\"{item.Title}\" is {Describe(item.Status)} and its target date {item.Target:yyyy-MM-dd} has passed"));

    /// <summary>doc.stale: last updated longer ago than the allowed age.</summary>
    private static IEnumerable<DocumentFinding> Stale(ReadinessDocument document, LintOptions options)
    {
        if (document.LastUpdated is not { } updated)
        {
            yield return new DocumentFinding("doc.undated", FindingSeverity.Info, 1, "the document says nowhere when it was last updated");
            yield break;
        }
        var age = options.Today.DayNumber - updated.Date.DayNumber;
        if (age > options.MaxAgeDays)
        {
            yield return new DocumentFinding("doc.stale", FindingSeverity.Warning, updated.Line,
                $"last updated {updated.Date:yyyy-MM-dd}, {age} days ago (more than {options.MaxAgeDays}, --max-age)");
        }
    }

    /// <summary>
    /// doc.overall-score: "Overall Score: 73%" that neither the mean of a table's score column, the table weighted
    /// by its item counts, nor the share of done items yields; the candidates are shown.
    /// </summary>
    private static IEnumerable<DocumentFinding> OverallScore(ReadinessDocument document, List<DocItem> items)
    {
        if (document.OverallScore is not { } overall)
        {
            yield break;
        }
        var candidates = new List<(string Name, double Value)>();
        foreach (var table in document.Tables)
        {
            var scoreColumn = table.Header.ToList().FindIndex(cell => cell.Contains("score", StringComparison.OrdinalIgnoreCase));
            if (scoreColumn < 0)
            {
                continue;
            }
            var scores = table.Rows.Select(row => Percent(row.Cells.ElementAtOrDefault(scoreColumn))).ToList();
            if (scores.Count == 0 || scores.Any(score => score is null))
            {
                continue;
            }
            candidates.Add(($"the mean of the {scores.Count} scores in the table at line {table.Line}", scores.Average(score => score!.Value)));
            var itemsColumn = table.Header.ToList().FindIndex(cell => cell.Contains("items", StringComparison.OrdinalIgnoreCase));
            if (itemsColumn >= 0 && table.Rows.Select(row => Number(row.Cells.ElementAtOrDefault(itemsColumn))).ToList() is var weights && weights.All(w => w is > 0))
            {
                candidates.Add(($"the same weighted by item count", scores.Zip(weights).Sum(pair => pair.First!.Value * pair.Second!.Value) / weights.Sum(w => w!.Value)));
            }
        }
        var counted = items.Where(item => item.Status != ItemStatus.NotApplicable).ToList();
        if (counted.Count > 0)
        {
            candidates.Add(("done items with partial ones counting half", 100.0 * counted.Sum(item => item.Status switch { ItemStatus.Done => 1.0, ItemStatus.Partial => 0.5, _ => 0 }) / counted.Count));
        }
        if (candidates.Count > 0 && candidates.All(candidate => Math.Abs(candidate.Value - overall.Percent) > 1.0))
        {
            yield return new DocumentFinding("doc.overall-score", FindingSeverity.Error, overall.Line,
                $"overall score {Format(overall.Percent)}% follows from nothing stated: {string.Join("; ", candidates.Select(c => $"{c.Name} is {Format(c.Value)}%"))}");
        }
    }

    /// <summary>doc.arithmetic: numbers in prose that contradict each other ("321 failures (2717/3047 passing = 89%)").</summary>
    private static IEnumerable<DocumentFinding> ProseArithmetic(ReadinessDocument document)
    {
        foreach (var (text, line) in document.Prose)
        {
            foreach (Match match in FractionPercent().Matches(text))
            {
                var (a, b, stated) = (Parse(match.Groups["a"]), Parse(match.Groups["b"]), Parse(match.Groups["p"]));
                if (b > 0 && Math.Abs(100 * a / b - stated) > 1.0)
                {
                    yield return new DocumentFinding("doc.arithmetic", FindingSeverity.Warning, line,
                        $"{Format(a)}/{Format(b)} is {Format(100 * a / b)}%, not {Format(stated)}%");
                }
            }
            foreach (Match match in FailuresAndPassing().Matches(text))
            {
                var (failures, passing, total) = (Parse(match.Groups["n"]), Parse(match.Groups["a"]), Parse(match.Groups["b"]));
                if (Math.Abs(total - passing - failures) > 0.5)
                {
                    yield return new DocumentFinding("doc.arithmetic", FindingSeverity.Warning, line,
                        $"{Format(failures)} failures, but {Format(passing)} of {Format(total)} passing leaves {Format(total - passing)}");
                }
            }
        }
    }

    private static double Parse(Group group) => double.Parse(group.Value, CultureInfo.InvariantCulture);

    internal static string Format(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    internal static double? Percent(string? cell) =>
        cell is not null && PercentCell().Match(cell) is { Success: true } match ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : null;

    internal static double? Number(string? cell) =>
        cell is not null && double.TryParse(cell.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    [GeneratedRegex(@"^\s*(\d+(?:\.\d+)?)\s*%\s*$")]
    private static partial Regex PercentCell();

    /// <summary>Sections of steps still to take, where listing a done item is itself out of date.</summary>
    [GeneratedRegex(@"next|immediate|term\b|action|quick wins|follow|to ?do", RegexOptions.IgnoreCase)]
    private static partial Regex StepsSection();

    [GeneratedRegex(@"(?<a>\d+(?:\.\d+)?)\s*/\s*(?<b>\d+(?:\.\d+)?)\b[^%\n=]{0,20}=\s*(?<p>\d+(?:\.\d+)?)\s*%")]
    private static partial Regex FractionPercent();

    [GeneratedRegex(@"(?<n>\d+)\s+(?:[\w-]+\s+){0,2}(?:failures|failing|failed)\b[^(\n]{0,40}\(\s*(?<a>\d+)\s*/\s*(?<b>\d+)\s+passing", RegexOptions.IgnoreCase)]
    private static partial Regex FailuresAndPassing();

    /// <summary>doc.duplicate-id: two items with the same id.</summary>
    private static IEnumerable<DocumentFinding> DuplicateIds(List<DocItem> items) =>
        items.Where(item => item.Id is not null).GroupBy(item => item.Id, StringComparer.OrdinalIgnoreCase).Where(group => group.Count() > 1)
            .SelectMany(group => group.Skip(1).Select(item => new DocumentFinding("doc.duplicate-id", FindingSeverity.Error, item.Line,
                $"id {item.Id} is used again (first at line {group.First().Line})")));
}
