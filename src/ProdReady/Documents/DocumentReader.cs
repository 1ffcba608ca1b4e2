using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace ProdReady.Documents;

/// <summary>
/// Reads a hand-written readiness document with a real Markdown parser (Markdig) into sections, items and the
/// claims the document makes about itself. Legends are not items; code blocks are not read.
/// </summary>
public static partial class DocumentReader
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().Build();

    public static ReadinessDocument Read(string path, string text)
    {
        var state = new State();
        foreach (var block in Markdown.Parse(text.TrimStart('\uFEFF'), Pipeline))
        {
            Visit(block, state);
        }
        state.CloseHeadingItem(int.MinValue);
        return new ReadinessDocument
        {
            Path = path,
            Sections = state.Sections,
            Items = state.Items,
            Counts = state.Counts,
            LastUpdated = state.LastUpdated,
            StatusClaims = state.StatusClaims,
            Mentions = state.Mentions,
            Tables = state.Tables,
            Prose = state.Prose,
            OverallScore = state.OverallScore,
        };
    }

    private sealed class State
    {
        private List<DocItem>? _headingChildren;
        private DocItem? _headingItem;
        private int _headingLevel;

        public List<DocSection> Sections { get; } = [];
        public List<DocItem> Items { get; } = [];
        public List<CountClaim> Counts { get; } = [];
        public List<(string, int)> StatusClaims { get; } = [];
        public List<DocMention> Mentions { get; } = [];
        public List<DocTable> Tables { get; } = [];
        public List<(string, int)> Prose { get; } = [];
        public (double, int)? OverallScore { get; set; }

        /// <summary>The open headings, outermost first.</summary>
        public List<DocSection> Path { get; } = [];

        /// <summary>Next steps, risks, checklists, plans: sections whose lines refer back to items.</summary>
        public bool InReferenceSection => Path.Any(section => section.Level >= 2 && ReferenceSection().IsMatch(section.Title));
        public (DateOnly, int)? LastUpdated { get; set; }
        public DocSection? Section { get; set; }

        public bool InLegend => Section?.Title.Contains("legend", StringComparison.OrdinalIgnoreCase) == true;

        /// <summary>A heading that is itself an item (a milestone, a phase, "✅ P0.1: ..."): items below it become its children.</summary>
        public void OpenHeadingItem(DocItem item, int level)
        {
            (_headingItem, _headingChildren, _headingLevel) = (item, [], level);
        }

        /// <summary>A milestone's own status line ("[x] Owner: Backend  Target: 2025-10-06") sets the milestone's status.</summary>
        public bool TrySetHeadingStatus(DocItem statusLine)
        {
            if (_headingItem is null && Section is { } section)
            {
                OpenHeadingItem(statusLine with { Title = section.Title }, section.Level);
                return true;
            }
            return false;
        }

        public void Add(DocItem item)
        {
            if (_headingChildren is not null)
            {
                _headingChildren.Add(item);
            }
            else
            {
                Items.Add(item);
            }
        }

        /// <summary>A heading of the same or a higher level ends the heading item's scope.</summary>
        public void CloseHeadingItem(int level)
        {
            if (_headingItem is null || _headingLevel < level)
            {
                return;
            }
            Items.Add(_headingItem with { Children = _headingChildren! });
            (_headingItem, _headingChildren) = (null, null);
        }
    }

    private static void Visit(Block block, State state)
    {
        switch (block)
        {
            case HeadingBlock heading:
                Heading(heading, state);
                break;
            case ListBlock list:
                foreach (var item in ListItems(list, state))
                {
                    state.Add(item);
                }
                break;
            case ParagraphBlock paragraph:
                foreach (var (line, number) in Lines(paragraph.Inline, paragraph.Line + 1))
                {
                    Claims(line, number, state);
                }
                break;
            case Table table:
                state.Tables.Add(ReadTable(table));
                break;
            case QuoteBlock quote:
                foreach (var inner in quote)
                {
                    Visit(inner, state);
                }
                break;
        }
    }

    private static void Heading(HeadingBlock heading, State state)
    {
        state.CloseHeadingItem(heading.Level);
        var text = Text(heading.Inline).Trim();
        var line = heading.Line + 1;
        var section = new DocSection(text, heading.Level, line) { Priority = StatusMarks.SectionPriority(text) ?? state.Section?.Priority };
        state.Sections.Add(section);
        state.Section = section;
        state.Path.RemoveAll(open => open.Level >= heading.Level);
        state.Path.Add(section);
        Claims(text, line, state);
        var marked = StatusMarks.Read(text);
        // "✅ P0.1: ..." and "Phase 2: ... ✅ COMPLETE" are items; "Strengths ✅" is a label.
        if (marked.Status is { } status && (marked.StatusFromWord || LeadingMark().IsMatch(text)))
        {
            state.OpenHeadingItem(Item(marked, status, line, section, CitedPaths(heading.Inline), state), heading.Level);
        }
    }

    private static DocItem Item(MarkedText marked, ItemStatus status, int line, DocSection? section, IReadOnlyList<string> cited, State state)
    {
        var category = state.Path.FirstOrDefault(open => open.Level == 2) ?? state.Path.LastOrDefault();
        return NewItem(marked, status, line, section, cited) with { IsReference = state.InReferenceSection, Category = category?.Title };
    }

    private static DocItem NewItem(MarkedText marked, ItemStatus status, int line, DocSection? section, IReadOnlyList<string> cited) => new()
    {
        Title = marked.Title,
        Status = status,
        Line = line,
        Section = section,
        Id = marked.Id,
        Priority = marked.Priority ?? section?.Priority,
        Owner = OwnerPattern().Match(marked.Title) is { Success: true } owner ? owner.Groups[1].Value.Trim() : null,
        Target = TargetPattern().Match(marked.Title) is { Success: true } target
            && DateOnly.TryParseExact(target.Groups[1].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null,
        CitedPaths = cited,
    };

    /// <summary>The items of a list: lines with a status mark, with the marked lines nested under them as children.</summary>
    private static List<DocItem> ListItems(ListBlock list, State state)
    {
        var items = new List<DocItem>();
        foreach (var entry in list.OfType<ListItemBlock>())
        {
            var paragraph = entry.OfType<ParagraphBlock>().FirstOrDefault();
            var children = entry.OfType<ListBlock>().SelectMany(nested => ListItems(nested, state)).ToList();
            var line = (paragraph?.Line ?? entry.Line) + 1;
            var first = paragraph is null ? "" : Lines(paragraph.Inline, line).FirstOrDefault().Text ?? "";
            if (paragraph is not null)
            {
                Claims(first, line, state);
                Mention(first, line, state);
            }
            var parts = state.InLegend ? [] : SeveralCheckboxes().Split(first).Select(StatusMarks.Read).ToList();
            var marked = parts.Where(part => part.Status is not null).ToList();
            if (marked.Count == 0)
            {
                items.AddRange(children); // "- Tasks" groups its items without being one
                continue;
            }
            var cited = paragraph is null ? [] : CitedPaths(paragraph.Inline);
            var built = marked.Select(part => Item(part, part.Status!.Value, line, state.Section, cited, state)).ToList();
            if (built[0].Owner is not null && children.Count == 0 && state.TrySetHeadingStatus(built[0]))
            {
                continue;
            }
            built[^1] = built[^1] with { Children = children };
            items.AddRange(built);
        }
        return items;
    }

    /// <summary>A line of a follow-up section that names items by id ("[ ] P1.2: Retry Logic", "Complete P0.5", "(P1.3)").</summary>
    private static void Mention(string text, int line, State state)
    {
        if (!state.InReferenceSection)
        {
            return;
        }
        var status = StatusMarks.Read(text).Status;
        foreach (Match id in MentionedId().Matches(text))
        {
            state.Mentions.Add(new DocMention(id.Value, text.Trim(), status, line, state.Section?.Title ?? ""));
        }
    }

    private static DocTable ReadTable(Table table)
    {
        var rows = table.OfType<TableRow>().Select(row => ((IReadOnlyList<string>)[.. row.OfType<TableCell>().Select(cell =>
            string.Join(" ", cell.OfType<ParagraphBlock>().Select(paragraph => Text(paragraph.Inline).Trim())))], row.Line + 1)).ToList();
        var header = rows.Count > 0 && table.OfType<TableRow>().First().IsHeader ? rows[0].Item1 : [];
        return new DocTable(header, header.Count > 0 ? rows.Skip(1).ToList() : rows, table.Line + 1);
    }

    /// <summary>Claims the document makes about itself, on one line of text.</summary>
    private static void Claims(string text, int line, State state)
    {
        var plain = text.Replace("*", "", StringComparison.Ordinal).Trim();
        state.Prose.Add((plain, line));
        if (OverallScorePattern().Match(plain) is { Success: true } overall)
        {
            state.OverallScore ??= (double.Parse(overall.Groups[1].Value, CultureInfo.InvariantCulture), line);
        }
        if (LastUpdatedPattern().Match(plain) is { Success: true } updated
            && DateOnly.TryParseExact(updated.Groups[1].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            state.LastUpdated ??= (date, line);
        }
        if (CountPattern().Match(plain) is { Success: true } count)
        {
            var label = count.Groups["label"].Value.Trim();
            var status = label.StartsWith("total", StringComparison.OrdinalIgnoreCase) ? (ItemStatus?)null : StatusMarks.StatusOfWord(label);
            if (status is not null || label.StartsWith("total", StringComparison.OrdinalIgnoreCase))
            {
                double? percent = count.Groups["percent"].Success ? double.Parse(count.Groups["percent"].Value, CultureInfo.InvariantCulture) : null;
                state.Counts.Add(new CountClaim(label, status, int.Parse(count.Groups["count"].Value, CultureInfo.InvariantCulture), percent, line));
            }
        }
        if (StatusLabel().IsMatch(plain) && StatusClaimPattern().IsMatch(plain))
        {
            state.StatusClaims.Add((plain, line));
        }
    }

    /// <summary>The lines of a paragraph (soft breaks split them), with their 1-based line numbers.</summary>
    private static IEnumerable<(string Text, int Line)> Lines(ContainerInline? inline, int firstLine)
    {
        var text = Text(inline);
        return text.Split('\n').Select((line, index) => (line.Trim(), firstLine + index));
    }

    private static string Text(ContainerInline? container)
    {
        var builder = new StringBuilder();
        Append(container, builder);
        return builder.ToString();
    }

    private static void Append(ContainerInline? container, StringBuilder builder)
    {
        for (var inline = container?.FirstChild; inline is not null; inline = inline.NextSibling)
        {
            switch (inline)
            {
                case LiteralInline literal:
                    builder.Append(literal.Content.ToString());
                    break;
                case CodeInline code:
                    builder.Append('`').Append(code.Content).Append('`');
                    break;
                case LineBreakInline:
                    builder.Append('\n');
                    break;
                case HtmlEntityInline entity:
                    builder.Append(entity.Transcoded.ToString());
                    break;
                case AutolinkInline link:
                    builder.Append(link.Url);
                    break;
                case ContainerInline other:
                    Append(other, builder);
                    break;
            }
        }
    }

    /// <summary>Backticked text that looks like a repository path: `server/index.ts`, `package-lock.json` (not `/api/x` or `npm run x`).</summary>
    private static IReadOnlyList<string> CitedPaths(ContainerInline? container) =>
        [.. Descendants(container).OfType<CodeInline>().Select(code => code.Content.Trim()).Where(LooksLikePath).Distinct(StringComparer.Ordinal)];

    private static IEnumerable<Inline> Descendants(ContainerInline? container)
    {
        for (var inline = container?.FirstChild; inline is not null; inline = inline.NextSibling)
        {
            yield return inline;
            if (inline is ContainerInline inner)
            {
                foreach (var nested in Descendants(inner))
                {
                    yield return nested;
                }
            }
        }
    }

    private static bool LooksLikePath(string text) => PathPattern().IsMatch(text);

    [GeneratedRegex(@"^(\[[ xX~\-]\]|✅|⏳|❌|⚪|🟡|🔴|🟢|✔|☑|⚠|🚧)")]
    private static partial Regex LeadingMark();

    // "[x] Lock deps ...; [x] Dependabot configured": one line, several items.
    [GeneratedRegex(@";\s*(?=\[[ xX~]\])")]
    private static partial Regex SeveralCheckboxes();

    [GeneratedRegex(@"\bOwner:\s*(.+?)(?=\s{2,}|\s+Target:|$)")]
    private static partial Regex OwnerPattern();

    [GeneratedRegex(@"\bTarget(?: Date)?:\s*(\d{4}-\d{2}-\d{2})")]
    private static partial Regex TargetPattern();

    [GeneratedRegex(@"^Last (?:Updated|Evaluated|Reviewed)\s*:?\s*(\d{4}-\d{2}-\d{2})", RegexOptions.IgnoreCase)]
    private static partial Regex LastUpdatedPattern();

    [GeneratedRegex(@"^(?<label>Total(?: Items)?|Completed?|Done|Pending|To ?do|Open|Not Started|In Progress|Partial|Blocked|Not Applicable|N/A)\s*:\s*(?<count>\d+)\b(?:\s*\((?<percent>\d+(?:\.\d+)?)\s*%\))?", RegexOptions.IgnoreCase)]
    private static partial Regex CountPattern();

    [GeneratedRegex(@"\bproduction[- ]ready\b|\bready for production\b", RegexOptions.IgnoreCase)]
    private static partial Regex StatusClaimPattern();

    // "Status: ...", "Current Status: ...", "Overall Status: ..." (also as a heading).
    [GeneratedRegex(@"^(?:[\w ]{0,20})?status\s*:", RegexOptions.IgnoreCase)]
    private static partial Regex StatusLabel();

    [GeneratedRegex(@"next steps?|checklist|risks?\b|posture|verification|follow-?ups?|immediate|short[- ]term|medium[- ]term|long[- ]term|action items|priority actions|secondary actions", RegexOptions.IgnoreCase)]
    private static partial Regex ReferenceSection();

    [GeneratedRegex(@"\bP[0-3]\.\d+\b")]
    private static partial Regex MentionedId();

    [GeneratedRegex(@"^Overall(?: Readiness)?(?: Score)?\s*:\s*(\d+(?:\.\d+)?)\s*%", RegexOptions.IgnoreCase)]
    private static partial Regex OverallScorePattern();

    // Relative, no spaces or code punctuation, and either a folder path or a file name with a known extension;
    // `/admin/logs/flush` is a route and `breaker.open` a metric, not paths.
    [GeneratedRegex(@"^(?!/)(?!.*\s)(?!.*[=(){}<>*|:])(?:[\w.\-]+/[\w.\-/]*|[\w.\-]*\.(?:ts|tsx|js|jsx|mjs|cjs|py|cs|csproj|go|java|kt|kts|gradle|json|ya?ml|toml|md|sql|sh|conf|txt|lock|xml|html|css|env|example|mod|ini|cfg|properties|dockerfile)|Dockerfile[\w.\-]*|\.[\w.\-]+)$", RegexOptions.IgnoreCase)]
    private static partial Regex PathPattern();
}
