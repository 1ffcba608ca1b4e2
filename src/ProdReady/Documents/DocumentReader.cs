using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using ProdReady.Model;

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
        var markdown = text.TrimStart('\uFEFF');
        var state = new State { LineStarts = LineStarts(markdown) };
        foreach (var block in Markdown.Parse(markdown, Pipeline))
        {
            Visit(block, state);
        }
        state.CloseHeadingItem(int.MinValue);
        // A document that is all plan (every item under "Rollout Plan") tracks those items; they refer to nothing else.
        var allReferences = state.Items.Count > 0 && state.Items.All(item => item.IsReference);
        return new ReadinessDocument
        {
            Path = path,
            Sections = state.Sections,
            Items = allReferences ? [.. state.Items.Select(Tracked)] : state.Items,
            Counts = state.Counts,
            LastUpdated = state.LastUpdated,
            StatusClaims = state.StatusClaims,
            Mentions = allReferences ? [] : state.Mentions,
            Tables = state.Tables,
            Prose = state.Prose,
            OverallScore = state.OverallScore,
        };
    }

    private static List<int> LineStarts(string text)
    {
        // \r\n, \n and a lone \r each end a line, as Markdown has it.
        var starts = new List<int> { 0 };
        for (var index = 0; index < text.Length; index++)
        {
            if (text[index] == '\n' || (text[index] == '\r' && (index + 1 == text.Length || text[index + 1] != '\n')))
            {
                starts.Add(index + 1);
            }
        }
        return starts;
    }

    private static DocItem Tracked(DocItem item) => item with { IsReference = false, Children = [.. item.Children.Select(Tracked)] };

    private sealed class State
    {
        private List<DocItem>? _headingChildren;
        private DocItem? _headingItem;
        private int _headingLevel;

        public List<DocSection> Sections { get; } = [];

        /// <summary>Where each line starts, for blocks whose line Markdig leaves unset (table rows after a "[x]" cell).</summary>
        public required List<int> LineStarts { get; init; }

        /// <summary>The 1-based line of a character offset.</summary>
        public int LineOf(int offset)
        {
            var index = LineStarts.BinarySearch(offset);
            return (index >= 0 ? index : ~index - 1) + 1;
        }
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

        /// <summary>"Before Implementation", "Changelog": lines that describe the past, not the items' state today.</summary>
        public bool InHistorySection => Path.Any(section => HistorySection().IsMatch(section.Title));

        /// <summary>The sub-heading an item sits under inside a heading item ("#### Acceptance Criteria" under a milestone).</summary>
        public string? HeadingGroup => _headingItem is not null && Section is { } section && section.Level > _headingLevel ? section.Title : null;
        public (DateOnly, int)? LastUpdated { get; set; }
        public DocSection? Section { get; set; }

        /// <summary>Legends, templates and examples show the format; their lines are not items.</summary>
        public bool InLegend => ExampleList || (Section is { } section && LegendSection().IsMatch(section.Title));

        /// <summary>The list being read follows "for example:" or "e.g.:".</summary>
        public bool ExampleList { get; set; }

        /// <summary>The last paragraph ended by announcing an example, so the list right after it is one.</summary>
        public bool ExampleAnnounced { get; set; }

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
        var exampleAnnounced = state.ExampleAnnounced;
        state.ExampleAnnounced = false;
        switch (block)
        {
            case HeadingBlock heading:
                Heading(heading, state);
                break;
            case ListBlock list:
                state.ExampleList = exampleAnnounced;
                foreach (var item in ListItems(list, state))
                {
                    state.Add(item);
                }
                state.ExampleList = false;
                break;
            case ParagraphBlock paragraph:
                var lines = Lines(paragraph.Inline, paragraph.Line + 1).ToList();
                foreach (var (line, number) in lines)
                {
                    Claims(line, number, state);
                }
                state.ExampleAnnounced = lines.Count > 0 && ExampleAnnouncement().IsMatch(lines[^1].Text);
                break;
            case Table table:
                state.Tables.Add(ReadTable(table, state));
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
        var section = new DocSection(text, heading.Level, line)
        {
            Priority = StatusMarks.SectionPriority(text) ?? state.Section?.Priority,
            Mark = StatusMarks.TrailingMark(text),
        };
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

    /// <summary>
    /// The items of a list: lines with a status mark, with the marked lines nested under them as children. An
    /// unmarked line that has marked lines under it ("- Tasks", "- Acceptance") groups them without being an item.
    /// </summary>
    private static List<DocItem> ListItems(ListBlock list, State state, string? group = null, bool underItem = false)
    {
        var items = new List<DocItem>();
        foreach (var entry in list.OfType<ListItemBlock>())
        {
            var paragraph = entry.OfType<ParagraphBlock>().FirstOrDefault();
            var line = (paragraph?.Line ?? entry.Line) + 1;
            var first = paragraph is null ? "" : Lines(paragraph.Inline, line).FirstOrDefault().Text ?? "";
            if (paragraph is not null)
            {
                Claims(first, line, state);
                if (!underItem)
                {
                    Mention(first, line, state); // a line under a marked line is its detail, not a reference of its own
                }
            }
            var parts = state.InLegend ? [] : SeveralCheckboxes().Split(first).Select(StatusMarks.Read).ToList();
            var marked = parts.Where(part => part.Status is not null).ToList();
            var label = marked.Count == 0 && first.Length > 0 ? first.TrimEnd(':', ' ') : null;
            var children = entry.OfType<ListBlock>().SelectMany(nested => ListItems(nested, state, label, underItem || marked.Count > 0)).ToList();
            if (marked.Count == 0)
            {
                items.AddRange(children);
                continue;
            }
            var cited = paragraph is null ? [] : CitedPaths(paragraph.Inline);
            var built = marked.Select(part => Item(part, part.Status!.Value, line, state.Section, cited, state) with { Group = group ?? state.HeadingGroup }).ToList();
            if (built[0].Owner is not null && children.Count == 0 && state.TrySetHeadingStatus(built[0]))
            {
                continue;
            }
            built[^1] = built[^1] with { Children = children };
            items.AddRange(built);
        }
        return items;
    }

    /// <summary>
    /// A line of a follow-up section that refers back to items: by the ids it names ("[ ] P1.2: Retry Logic",
    /// "Complete P0.5", "(P1.3)") or by its title ("❌ Create staging environment").
    /// </summary>
    private static void Mention(string text, int line, State state)
    {
        if (!state.InReferenceSection || state.InHistorySection)
        {
            return;
        }
        var marked = StatusMarks.Read(text);
        var ids = MentionedId().Matches(text).Select(id => id.Value).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        state.Mentions.Add(new DocMention(ids, text.Trim(), marked.Title, marked.Status, line, state.Section?.Title ?? ""));
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
            && DateOnly.TryParseExact(updated.Groups[1].Value.Replace(".", "", StringComparison.Ordinal), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var date))
        {
            state.LastUpdated ??= (date, line);
        }
        if (RemainingCriticalPattern().Match(plain) is { Success: true } critical)
        {
            state.Counts.Add(new CountClaim(critical.Groups["label"].Value.Trim(), null, int.Parse(critical.Groups["count"].Value, CultureInfo.InvariantCulture), null, line)
            {
                Priority = Priority.P0,
                Remaining = true,
            });
        }
        else if (CountPattern().Match(plain) is { Success: true } count)
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

    /// <summary>"2026-01-28", "October 12, 2025", "Oct. 12 2025", "12 October 2025".</summary>
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "MMMM d, yyyy", "MMMM d yyyy", "MMM d, yyyy", "MMM d yyyy", "d MMMM yyyy", "d MMM yyyy"];

    [GeneratedRegex(@"^(?:Last (?:Updated|Evaluated|Reviewed|Modified)|Review(?:ed)? Date|Updated|As of)\s*:?\s*(\d{4}-\d{2}-\d{2}|[A-Z][a-z]{2,8}\.? \d{1,2},? \d{4}|\d{1,2} [A-Z][a-z]{2,8}\.? \d{4})", RegexOptions.IgnoreCase)]
    private static partial Regex LastUpdatedPattern();

    [GeneratedRegex(@"^(?<label>Total(?: Items)?|Completed?|Done|Pending|To ?do|Open|Not Started|In Progress|Partial|Blocked|Not Applicable|N/A)\s*:\s*(?<count>\d+)\b(?:\s*\((?<percent>\d+(?:\.\d+)?)\s*%\))?", RegexOptions.IgnoreCase)]
    private static partial Regex CountPattern();

    [GeneratedRegex(@"^(?<label>(?:Critical|P0)(?: Items)? (?:Remaining|Open|Left)|(?:Remaining|Open) (?:Critical|P0)(?: Items)?)\s*:\s*(?<count>\d+)\b", RegexOptions.IgnoreCase)]
    private static partial Regex RemainingCriticalPattern();

    [GeneratedRegex(@"\bproduction[- ]ready\b|\bready for production\b", RegexOptions.IgnoreCase)]
    private static partial Regex StatusClaimPattern();

    // "Status: ...", "Current Status: ...", "Overall Status: ..." (also as a heading).
    [GeneratedRegex(@"^(?:[\w ]{0,20})?status\s*:", RegexOptions.IgnoreCase)]
    private static partial Regex StatusLabel();

    [GeneratedRegex(@"next steps?|checklist|risks?\b|posture|verification|follow-?ups?|immediate|short[- ]term|medium[- ]term|long[- ]term|action items|priority actions|secondary actions|quick wins|roll-?out|phased|(?:implementation|action|migration|remediation) plan", RegexOptions.IgnoreCase)]
    private static partial Regex ReferenceSection();

    [GeneratedRegex(@"legend|\bexamples?\b|template", RegexOptions.IgnoreCase)]
    private static partial Regex LegendSection();

    [GeneratedRegex(@"(?:\bexamples?|e\.g\.|such as|like this)\s*:?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex ExampleAnnouncement();

    [GeneratedRegex(@"\bbefore (?:implementation|changes|fix(?:es)?|remediation)\b|\bhistory\b|change ?log|\bpreviously\b|recent (?:additions|changes)", RegexOptions.IgnoreCase)]
    private static partial Regex HistorySection();

    [GeneratedRegex(@"\bP[0-3]\.\d+\b")]
    private static partial Regex MentionedId();

    // "Overall Score: 73%", "Status: 95% Production-Ready".
    [GeneratedRegex(@"^(?:Overall(?: Readiness)?(?: Score)?|(?:Current |Overall )?Status)\s*:\s*(\d+(?:\.\d+)?)\s*%", RegexOptions.IgnoreCase)]
    private static partial Regex OverallScorePattern();

    // Relative, no spaces or code punctuation, and either a folder path or a file name with a known extension;
    // `/admin/logs/flush` is a route and `breaker.open` a metric, not paths.
    [GeneratedRegex(@"^(?!/)(?!.*\s)(?!.*[=(){}<>*|:])(?:[\w.\-]+/[\w.\-/]*|[\w.\-]*\.(?:ts|tsx|js|jsx|mjs|cjs|py|cs|csproj|go|java|kt|kts|gradle|json|ya?ml|toml|md|sql|sh|conf|txt|lock|xml|html|css|env|example|mod|ini|cfg|properties|dockerfile)|Dockerfile[\w.\-]*|\.[\w.\-]+)$", RegexOptions.IgnoreCase)]
    private static partial Regex PathPattern();
}
