namespace ProdReady.Scanning.Content;

/// <summary>
/// Blanks comments out of source text so content patterns match code only ("// app.use(helmet())" must not count).
/// The result has the same length and the same line breaks, so offsets and line numbers found in it are valid in the
/// original. String literals are skipped, so "http://x" stays.
/// </summary>
public static class CommentStripper
{
    /// <summary>
    /// The text with every comment character replaced by a space (line breaks kept); the same instance when the text
    /// has no comment or the language has none (json, text, unknown ids).
    /// </summary>
    public static string Blank(string text, string language)
    {
        var dialect = Dialects.Of(language);
        var start = FirstComment(text, dialect, out var end);
        if (start < 0)
        {
            return text;
        }
        return string.Create(text.Length, (text, dialect, start, end), static (buffer, state) =>
        {
            state.text.CopyTo(buffer);
            EraseAll(buffer, state.text, state.dialect, state.start, state.end);
        });
    }

    /// <summary>
    /// The same, without allocating: the text itself when it has no comment, else <paramref name="scratch"/> (at least
    /// as long as the text) holding the blanked copy.
    /// </summary>
    public static ReadOnlySpan<char> Blank(ReadOnlySpan<char> text, string language, Span<char> scratch)
    {
        var dialect = Dialects.Of(language);
        var start = FirstComment(text, dialect, out var end);
        if (start < 0)
        {
            return text;
        }
        var blanked = scratch[..text.Length];
        text.CopyTo(blanked);
        EraseAll(blanked, text, dialect, start, end);
        return blanked;
    }

    private static int FirstComment(ReadOnlySpan<char> text, Dialect dialect, out int end)
    {
        end = 0;
        return dialect == Dialect.None ? -1 : CommentScanner.Next(text, 0, dialect, out end);
    }

    private static void EraseAll(Span<char> buffer, ReadOnlySpan<char> source, Dialect dialect, int start, int end)
    {
        while (start >= 0)
        {
            Erase(buffer[start..end]);
            start = CommentScanner.Next(source, end, dialect, out end);
        }
    }

    private static void Erase(Span<char> comment)
    {
        while (!comment.IsEmpty)
        {
            int lineBreak = comment.IndexOfAny('\n', '\r');
            if (lineBreak < 0)
            {
                comment.Fill(' ');
                return;
            }
            comment[..lineBreak].Fill(' ');
            comment = comment[(lineBreak + 1)..];
        }
    }
}
