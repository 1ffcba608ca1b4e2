namespace ProdReady.Scanning;

/// <summary>Line arithmetic on file text, for evidence: 1-based lines, short trimmed excerpts.</summary>
public static class TextLines
{
    private const int MaxExcerpt = 160;

    public static int LineOf(string text, int index)
    {
        var line = 1;
        var span = text.AsSpan(0, Math.Min(index, text.Length));
        var at = span.IndexOf('\n');
        while (at >= 0)
        {
            line++;
            span = span[(at + 1)..];
            at = span.IndexOf('\n');
        }
        return line;
    }

    /// <summary>The trimmed text of a 1-based line, cut to a readable length, with likely secrets masked.</summary>
    public static string Excerpt(string text, int line)
    {
        var span = text.AsSpan();
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
