using System.Buffers;

namespace ProdReady.Scanning.Content;

/// <summary>Finds comments one after another, stepping over string literals, in one forward pass.</summary>
internal static class CommentScanner
{
    // The characters that can open a comment or a literal; everything between them is skipped with a vectorised search.
    private static readonly SearchValues<char> JavaScriptStarts = SearchValues.Create("/\"'`");
    private static readonly SearchValues<char> CSharpStarts = SearchValues.Create("/\"'@$");
    private static readonly SearchValues<char> JvmStarts = SearchValues.Create("/\"'");
    private static readonly SearchValues<char> HashStarts = SearchValues.Create("#\"'");
    private static readonly SearchValues<char> ShellStarts = SearchValues.Create("#\"'\\");
    private static readonly SearchValues<char> SqlStarts = SearchValues.Create("-/\"'");
    private static readonly SearchValues<char> MarkupStarts = SearchValues.Create("<");

    /// <summary>
    /// The start of the first comment at or after <paramref name="from"/> (which must be outside any literal or
    /// comment), or -1; <paramref name="end"/> is the index just past the comment, before its line break.
    /// </summary>
    public static int Next(ReadOnlySpan<char> text, int from, Dialect dialect, out int end)
    {
        var starts = StartsOf(dialect);
        int i = from;
        while (i < text.Length)
        {
            int offset = text[i..].IndexOfAny(starts);
            if (offset < 0)
            {
                break;
            }
            i += offset;
            if (IsCommentAt(text, i, dialect, out end))
            {
                return i;
            }
            i = Literals.Skip(text, i, dialect, depth: 0);
        }
        end = text.Length;
        return -1;
    }

    private static SearchValues<char> StartsOf(Dialect dialect) => dialect switch
    {
        Dialect.JavaScript or Dialect.Go => JavaScriptStarts,
        Dialect.CSharp => CSharpStarts,
        Dialect.Java or Dialect.Kotlin => JvmStarts,
        Dialect.Python or Dialect.Toml or Dialect.Yaml => HashStarts,
        Dialect.Shell => ShellStarts,
        Dialect.Sql => SqlStarts,
        _ => MarkupStarts,
    };

    private static bool IsCommentAt(ReadOnlySpan<char> text, int i, Dialect dialect, out int end)
    {
        char next = Literals.At(text, i + 1);
        end = dialect switch
        {
            Dialect.JavaScript or Dialect.CSharp or Dialect.Go or Dialect.Java or Dialect.Kotlin or Dialect.Sql
                when text[i] == '/' && next == '*' => BlockEnd(text, i + 2, nested: dialect == Dialect.Kotlin),
            Dialect.JavaScript or Dialect.CSharp or Dialect.Go or Dialect.Java or Dialect.Kotlin
                when text[i] == '/' && next == '/' => LineEnd(text, i),
            Dialect.Sql when text[i] == '-' && next == '-' => LineEnd(text, i),
            Dialect.Python or Dialect.Toml when text[i] == '#' => LineEnd(text, i),
            Dialect.Python when text[i] is '"' or '\'' => DocstringEnd(text, i),
            // YAML and shell: "a#b" is a word, "a #b" has a comment.
            Dialect.Yaml or Dialect.Shell when text[i] == '#' && (i == 0 || IsSpace(text[i - 1])) => LineEnd(text, i),
            Dialect.Xml or Dialect.Markdown when text[i..].StartsWith("<!--") => Literals.PastTerminator(text, i + 4, "-->"),
            _ => -1,
        };
        return end >= 0;
    }

    /// <summary>
    /// The end of the Python docstring at <paramref name="i"/>, or -1: a triple-quoted string that is a statement
    /// of its own (alone on its lines, not continuing an expression), so documentation, like a comment. Example
    /// output quoted in a docstring is not code; a triple-quoted SQL query assigned or passed on is kept.
    /// </summary>
    private static int DocstringEnd(ReadOnlySpan<char> text, int i)
    {
        if (!Literals.IsTriple(text, i) || !StartsStatement(text, i))
        {
            return -1;
        }
        int end = Literals.Skip(text, i, Dialect.Python, depth: 0);
        int after = end;
        while (after < text.Length && text[after] is ' ' or '\t')
        {
            after++;
        }
        return after == text.Length || text[after] is '\n' or '\r' or '#' or ';' ? end : -1;
    }

    // Only indentation (or a string prefix such as r) before it on its line, and the code before does not leave an
    // expression open: a bracket, a comma, an operator or a line continuation would make the string an operand.
    private static bool StartsStatement(ReadOnlySpan<char> text, int i)
    {
        int j = i - 1;
        while (j >= 0 && text[j] is 'r' or 'R' or 'u' or 'U')
        {
            j--;
        }
        while (j >= 0 && text[j] is ' ' or '\t')
        {
            j--;
        }
        if (j >= 0 && text[j] is not ('\n' or '\r'))
        {
            return false;
        }
        while (j >= 0 && IsSpace(text[j]))
        {
            j--;
        }
        return j < 0 || text[j] is not ('(' or '[' or '{' or ',' or '=' or '\\' or '+' or '%' or '|' or '&' or '-' or '*' or '/' or '<' or '>');
    }

    private static int LineEnd(ReadOnlySpan<char> text, int i)
    {
        int offset = text[i..].IndexOfAny('\n', '\r');
        return offset < 0 ? text.Length : i + offset;
    }

    // Kotlin block comments nest; the other languages end at the first "*/".
    private static int BlockEnd(ReadOnlySpan<char> text, int i, bool nested)
    {
        if (!nested)
        {
            return Literals.PastTerminator(text, i, "*/");
        }
        int depth = 1;
        while (i < text.Length)
        {
            int offset = text[i..].IndexOfAny('/', '*');
            if (offset < 0)
            {
                break;
            }
            i += offset;
            if (text[i] == '/' && Literals.At(text, i + 1) == '*')
            {
                depth++;
                i += 2;
            }
            else if (text[i] == '*' && Literals.At(text, i + 1) == '/')
            {
                i += 2;
                if (--depth == 0)
                {
                    return i;
                }
            }
            else
            {
                i++;
            }
        }
        return text.Length;
    }

    internal static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\r';
}
