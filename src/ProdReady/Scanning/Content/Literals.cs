namespace ProdReady.Scanning.Content;

/// <summary>
/// Steps over string literals (and JavaScript regular expressions), so comment markers inside them are not comments.
/// Every method returns the index just past what it skipped; an unterminated literal that may span lines runs to the
/// end of the text, one that may not (a C# "..." or a Python '...') ends at its line break, as the compiler would.
/// </summary>
internal static class Literals
{
    // Interpolation holes can hold literals with holes of their own; bound the recursion for hostile input.
    private const int MaxNesting = 32;

    private enum Escape
    {
        None,
        Backslash,
        Doubled,
    }

    /// <summary>Skips the literal that starts at <paramref name="i"/>, or just that character when none does.</summary>
    public static int Skip(ReadOnlySpan<char> text, int i, Dialect dialect, int depth)
    {
        if (depth > MaxNesting)
        {
            return text.Length;
        }
        char c = text[i];
        return dialect switch
        {
            Dialect.JavaScript when c == '`' => Template(text, i + 1, depth),
            Dialect.JavaScript when c == '/' => RegexEnd(text, i),
            Dialect.Java when c == '"' && IsTriple(text, i) => TripleQuoted(text, i + 3, c, backslash: true),
            Dialect.Kotlin when c == '"' && IsTriple(text, i) => TripleQuoted(text, i + 3, c, backslash: false),
            Dialect.JavaScript or Dialect.Go or Dialect.Java or Dialect.Kotlin when c is '"' or '\'' =>
                Quoted(text, i + 1, c, Escape.Backslash, singleLine: true),
            Dialect.Go when c == '`' => PastTerminator(text, i + 1, "`"),
            Dialect.CSharp when c is '"' or '\'' or '@' or '$' => CSharp(text, i, depth),
            Dialect.Python when c is '"' or '\'' => IsTriple(text, i)
                ? TripleQuoted(text, i + 3, c, backslash: true)
                : Quoted(text, i + 1, c, Escape.Backslash, singleLine: true),
            Dialect.Toml when c is '"' or '\'' => IsTriple(text, i)
                ? TripleQuoted(text, i + 3, c, backslash: c == '"')
                : Quoted(text, i + 1, c, c == '"' ? Escape.Backslash : Escape.None, singleLine: true),
            Dialect.Yaml when c is '"' or '\'' && IsYamlScalarStart(text, i) =>
                Quoted(text, i + 1, c, c == '"' ? Escape.Backslash : Escape.Doubled, singleLine: false),
            Dialect.Shell when c == '\\' => i + 2,
            Dialect.Shell when c is '"' or '\'' =>
                Quoted(text, i + 1, c, c == '"' ? Escape.Backslash : Escape.None, singleLine: false),
            Dialect.Sql when c is '"' or '\'' => Quoted(text, i + 1, c, Escape.Doubled, singleLine: false),
            Dialect.Xml when text[i..].StartsWith("<![CDATA[") => PastTerminator(text, i + 9, "]]>"),
            _ => i + 1,
        };
    }

    public static char At(ReadOnlySpan<char> text, int i) => i < text.Length ? text[i] : '\0';

    /// <summary>The index just past the next <paramref name="terminator"/> at or after i, or the end of the text.</summary>
    public static int PastTerminator(ReadOnlySpan<char> text, int i, string terminator)
    {
        int offset = i < text.Length ? text[i..].IndexOf(terminator, StringComparison.Ordinal) : -1;
        return offset < 0 ? text.Length : i + offset + terminator.Length;
    }

    public static bool IsTriple(ReadOnlySpan<char> text, int i) => At(text, i + 1) == text[i] && At(text, i + 2) == text[i];

    private static int Quoted(ReadOnlySpan<char> text, int i, char quote, Escape escape, bool singleLine)
    {
        for (; i < text.Length; i++)
        {
            char c = text[i];
            if (c == quote)
            {
                if (escape == Escape.Doubled && At(text, i + 1) == quote)
                {
                    i++;
                    continue;
                }
                return i + 1;
            }
            if (c == '\\' && escape == Escape.Backslash)
            {
                i += At(text, i + 1) == '\r' && At(text, i + 2) == '\n' ? 2 : 1;
            }
            else if (singleLine && c is '\n' or '\r')
            {
                return i;
            }
        }
        return text.Length;
    }

    // Python and TOML """/''', Java text blocks, Kotlin raw strings; i is just past the opening quotes.
    private static int TripleQuoted(ReadOnlySpan<char> text, int i, char quote, bool backslash)
    {
        while (i < text.Length)
        {
            int offset = backslash ? text[i..].IndexOfAny(quote, '\\') : text[i..].IndexOf(quote);
            if (offset < 0)
            {
                break;
            }
            i += offset;
            if (text[i] == '\\')
            {
                i += 2;
            }
            else if (IsTriple(text, i))
            {
                return i + 3;
            }
            else
            {
                i++;
            }
        }
        return text.Length;
    }

    // JavaScript/TypeScript `...${expr}...`; i is just past the opening backtick.
    private static int Template(ReadOnlySpan<char> text, int i, int depth)
    {
        while (i < text.Length)
        {
            char c = text[i];
            if (c == '`')
            {
                return i + 1;
            }
            if (c == '\\')
            {
                i += 2;
            }
            else if (c == '$' && At(text, i + 1) == '{')
            {
                i = Hole(text, i + 2, Dialect.JavaScript, depth);
            }
            else
            {
                i++;
            }
        }
        return text.Length;
    }

    // An interpolation hole: code up to the matching '}', which may hold literals of its own.
    private static int Hole(ReadOnlySpan<char> text, int i, Dialect dialect, int depth)
    {
        int braces = 1;
        while (i < text.Length)
        {
            char c = text[i];
            if (c == '{')
            {
                braces++;
                i++;
            }
            else if (c == '}')
            {
                i++;
                if (--braces == 0)
                {
                    return i;
                }
            }
            else
            {
                i = Skip(text, i, dialect, depth + 1);
            }
        }
        return text.Length;
    }

    // C#: 'c', "...", @"..." ("" escapes), $"...{hole}...", $@"..." and raw """...""" (any $ count).
    private static int CSharp(ReadOnlySpan<char> text, int i, int depth)
    {
        if (text[i] == '\'')
        {
            return Quoted(text, i + 1, '\'', Escape.Backslash, singleLine: true);
        }
        int p = i;
        bool verbatim = false, interpolated = false;
        for (; p < text.Length && text[p] is '@' or '$'; p++)
        {
            verbatim |= text[p] == '@';
            interpolated |= text[p] == '$';
        }
        if (At(text, p) != '"')
        {
            return Math.Max(p, i + 1); // @identifier, or a '$' that is not a string prefix
        }
        if (verbatim)
        {
            return CSharpString(text, p + 1, verbatim, interpolated, depth);
        }
        int quotes = QuoteRun(text, p);
        return quotes switch
        {
            >= 3 => RawEnd(text, p + quotes, quotes),
            2 => p + 2,
            _ => CSharpString(text, p + 1, verbatim, interpolated, depth),
        };
    }

    private static int CSharpString(ReadOnlySpan<char> text, int i, bool verbatim, bool interpolated, int depth)
    {
        while (i < text.Length)
        {
            char c = text[i];
            if (c == '"')
            {
                if (!verbatim || At(text, i + 1) != '"')
                {
                    return i + 1;
                }
                i += 2;
            }
            else if (c == '\\' && !verbatim)
            {
                i += 2;
            }
            else if (c == '{' && interpolated)
            {
                i = At(text, i + 1) == '{' ? i + 2 : Hole(text, i + 1, Dialect.CSharp, depth);
            }
            else if (c is '\n' or '\r' && !verbatim)
            {
                return i;
            }
            else
            {
                i++;
            }
        }
        return text.Length;
    }

    // A raw string opened by n quotes closes at the next run of at least n quotes.
    private static int RawEnd(ReadOnlySpan<char> text, int i, int quotes)
    {
        while (i < text.Length)
        {
            int offset = text[i..].IndexOf('"');
            if (offset < 0)
            {
                break;
            }
            i += offset;
            int run = QuoteRun(text, i);
            i += run;
            if (run >= quotes)
            {
                return i;
            }
        }
        return text.Length;
    }

    private static int QuoteRun(ReadOnlySpan<char> text, int i)
    {
        int run = text[i..].IndexOfAnyExcept('"');
        return run < 0 ? text.Length - i : run;
    }

    private static bool IsYamlScalarStart(ReadOnlySpan<char> text, int i) =>
        i == 0 || CommentScanner.IsSpace(text[i - 1]) || text[i - 1] is '[' or '{' or ',';

    /// <summary>
    /// A '/' that is not a comment: a regular expression literal when an operand is expected there, else division.
    /// A regex never spans lines, so a wrong guess costs at most the rest of that line.
    /// </summary>
    private static int RegexEnd(ReadOnlySpan<char> text, int i)
    {
        if (!RegexMayStartAfter(text[..i].TrimEnd()))
        {
            return i + 1;
        }
        bool inClass = false;
        for (int p = i + 1; p < text.Length; p++)
        {
            switch (text[p])
            {
                case '\\':
                    p++;
                    break;
                case '[':
                    inClass = true;
                    break;
                case ']':
                    inClass = false;
                    break;
                case '/' when !inClass:
                    return p + 1;
                case '\n' or '\r':
                    return i + 1;
            }
        }
        return i + 1;
    }

    private static readonly string[] OperandKeywords =
        ["return", "typeof", "instanceof", "in", "of", "new", "delete", "void", "throw", "case", "do", "else", "yield", "await"];

    private static bool RegexMayStartAfter(ReadOnlySpan<char> before)
    {
        if (before.IsEmpty || before[^1] is '(' or ',' or '=' or ':' or '[' or '!' or '&' or '|' or '?' or '{' or ';'
            or '+' or '-' or '*' or '%' or '<' or '>' or '~' or '^')
        {
            return true;
        }
        int wordStart = before.Length;
        while (wordStart > 0 && char.IsAsciiLetter(before[wordStart - 1]))
        {
            wordStart--;
        }
        if (wordStart == before.Length || (wordStart > 0 && (char.IsAsciiLetterOrDigit(before[wordStart - 1]) || before[wordStart - 1] is '_' or '$' or '.')))
        {
            return false;
        }
        var word = before[wordStart..];
        foreach (var keyword in OperandKeywords)
        {
            if (word.SequenceEqual(keyword))
            {
                return true;
            }
        }
        return false;
    }
}
