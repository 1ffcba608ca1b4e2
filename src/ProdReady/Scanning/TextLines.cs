namespace ProdReady.Scanning;

/// <summary>Line arithmetic on file text, for evidence: 1-based lines, short trimmed excerpts.</summary>
public static class TextLines
{
    private const int MaxExcerpt = 160;

    public static int LineOf(ReadOnlySpan<char> text, int index) => text[..Math.Min(index, text.Length)].Count('\n') + 1;

    /// <summary>The trimmed text of a 1-based line, cut to a readable length, with likely secrets masked.</summary>
    public static string Excerpt(ReadOnlySpan<char> text, int line)
    {
        var span = text;
        for (var i = 1; i < line; i++)
        {
            var next = span.IndexOf('\n');
            if (next < 0)
            {
                return "";
            }
            span = span[(next + 1)..];
        }
        var end = span.IndexOf('\n');
        var content = (end < 0 ? span : span[..end]).Trim();
        var excerpt = content.Length > MaxExcerpt ? string.Concat(content[..(MaxExcerpt - 1)], "…") : content.ToString();
        return SecretRedactor.Redact(excerpt);
    }
}
