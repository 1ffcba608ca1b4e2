using System.Text.RegularExpressions;
using ProdReady.Model;

namespace ProdReady.Reporting.StatusDocuments;

/// <summary>The document after an update: its text, whether it differs from before, or why it was left alone.</summary>
public sealed record StatusDocumentUpdate(string Text, bool Changed, Diagnostic? Problem);

/// <summary>
/// Updates a status document in place. What people wrote outside the markers stays byte for byte, line breaks and a
/// missing final line break included; the generated blocks are replaced, in the document's own line break. A document
/// without markers gets the whole generated document appended; a section whose markers a person removed stays removed.
/// The "Last updated" date moves only when something else in the generated text changed.
/// </summary>
public static partial class StatusDocumentUpdater
{
    /// <param name="existing">The document as it is, or null when there is none yet.</param>
    /// <param name="file">The document's name for messages.</param>
    /// <param name="render">The generated sections, carrying the given date.</param>
    public static StatusDocumentUpdate Apply(string? existing, string file, Func<DateOnly, IReadOnlyList<GeneratedSection>> render, DateOnly today)
    {
        if (existing is null)
        {
            return new StatusDocumentUpdate(StatusMarkers.Document(render(today), "\n"), true, null);
        }
        var (blocks, problem) = StatusMarkers.Find(existing, file);
        if (problem is not null)
        {
            return new StatusDocumentUpdate(existing, false, problem);
        }
        var newline = StatusMarkers.Newline(existing);
        if (blocks.Count == 0)
        {
            var separator = existing.Length == 0 ? "" : existing.EndsWith('\n') || existing.EndsWith('\r') ? newline : newline + newline;
            return new StatusDocumentUpdate(existing + separator + StatusMarkers.Document(render(today), newline), true, null);
        }
        if (PreviousDate(existing, blocks) is { } previous && Replace(existing, blocks, render(previous), newline) is var same && same == existing)
        {
            return new StatusDocumentUpdate(existing, false, null);
        }
        var updated = Replace(existing, blocks, render(today), newline);
        return new StatusDocumentUpdate(updated, updated != existing, null);
    }

    private static string Replace(string existing, IReadOnlyList<MarkedBlock> blocks, IReadOnlyList<GeneratedSection> sections, string newline)
    {
        var text = new System.Text.StringBuilder(existing.Length + 1024);
        var position = 0;
        foreach (var block in blocks)
        {
            text.Append(existing, position, block.Start - position);
            text.Append(StatusMarkers.Block(sections.Single(section => section.Name == block.Name), newline));
            position = block.End;
        }
        return text.Append(existing, position, existing.Length - position).ToString();
    }

    /// <summary>The date in the header block, when the document has one.</summary>
    private static DateOnly? PreviousDate(string existing, IReadOnlyList<MarkedBlock> blocks)
    {
        var header = blocks.FirstOrDefault(block => block.Name == StatusDocument.Header);
        return header is not null
            && LastUpdated().Match(existing[header.Start..header.End]) is { Success: true } match
            && DateOnly.TryParseExact(match.Groups[1].Value, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date)
                ? date : null;
    }

    [GeneratedRegex(@"- Last updated: (\d{4}-\d{2}-\d{2})", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant)]
    private static partial Regex LastUpdated();
}
