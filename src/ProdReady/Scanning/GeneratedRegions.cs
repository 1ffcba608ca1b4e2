using ProdReady.Model;

namespace ProdReady.Scanning;

/// <summary>
/// Blanks the blocks `prodready report` generated in a Markdown file (markers included), keeping line breaks so that
/// line numbers stay right. What people wrote around the blocks is still read as evidence; the generated text, which
/// repeats the catalog's remediation ("write SLOs ..."), would otherwise prove the very controls it reports.
/// </summary>
internal static class GeneratedRegions
{
    public static bool MayHold(RepoFile file, ReadOnlySpan<char> text) =>
        file.Path.EndsWith(".md", StringComparison.OrdinalIgnoreCase) && text.Contains(GeneratedBlock.BeginPrefix, StringComparison.Ordinal);

    public static void Blank(Span<char> text)
    {
        var inside = false;
        var start = 0;
        while (start < text.Length)
        {
            var length = text[start..].IndexOf('\n');
            var line = text.Slice(start, length < 0 ? text.Length - start : length);
            var trimmed = line.TrimStart();
            if (trimmed.StartsWith(GeneratedBlock.BeginPrefix, StringComparison.Ordinal))
            {
                inside = true;
            }
            var ends = inside && trimmed.StartsWith(GeneratedBlock.EndPrefix, StringComparison.Ordinal);
            if (inside)
            {
                // A block without its end runs to the end of the file: blanking too much is safe, reading generated text is not.
                line.Fill(' ');
            }
            inside &= !ends;
            start += line.Length + 1;
        }
    }
}
