namespace ProdReady.Scanning.Paths;

/// <summary>
/// A wildcard pattern for one path segment: literals, <c>*</c> (any run), <c>?</c> (one character), <c>[a-z]</c>,
/// <c>[!a]</c> / <c>[^a]</c>, and <c>\x</c> for a literal x. Common shapes (a name, "*.ext", "prefix*") match with a
/// single span comparison.
/// </summary>
internal sealed class SegmentPattern
{
    private enum Shape
    {
        Literal,
        Anything,
        Prefix,
        Suffix,
        General,
    }

    private enum TokenKind
    {
        Char,
        AnyChar,
        Star,
        Class,
    }

    private readonly record struct Token(TokenKind Kind, char Char = '\0', CharClass? Class = null);

    private sealed record CharClass(bool Negated, (char Low, char High)[] Ranges)
    {
        public bool Contains(char c, bool ignoreCase)
        {
            bool found = InRanges(c) || (ignoreCase && (InRanges(char.ToLowerInvariant(c)) || InRanges(char.ToUpperInvariant(c))));
            return found != Negated;
        }

        private bool InRanges(char c)
        {
            foreach (var (low, high) in Ranges)
            {
                if (c >= low && c <= high)
                {
                    return true;
                }
            }
            return false;
        }
    }

    private readonly Shape shape;
    private readonly string literal;
    private readonly Token[] tokens;
    private readonly bool ignoreCase;
    private readonly StringComparison comparison;

    private SegmentPattern(Token[] tokens, bool ignoreCase)
    {
        this.tokens = tokens;
        this.ignoreCase = ignoreCase;
        comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        int stars = tokens.Count(t => t.Kind == TokenKind.Star);
        bool othersLiteral = tokens.All(t => t.Kind is TokenKind.Char or TokenKind.Star);
        literal = new string([.. tokens.Where(t => t.Kind == TokenKind.Char).Select(t => t.Char)]);
        shape = (stars, othersLiteral) switch
        {
            (0, true) => Shape.Literal,
            (1, true) when tokens.Length == 1 => Shape.Anything,
            (1, true) when tokens[^1].Kind == TokenKind.Star => Shape.Prefix,
            (1, true) when tokens[0].Kind == TokenKind.Star => Shape.Suffix,
            _ => Shape.General,
        };
    }

    /// <summary>Parses one segment; false with a reason (for "the pattern is invalid") when it is malformed.</summary>
    public static bool TryParse(string source, bool ignoreCase, out SegmentPattern? pattern, out string? error)
    {
        var tokens = new List<Token>();
        pattern = null;
        for (int i = 0; i < source.Length; i++)
        {
            char c = source[i];
            switch (c)
            {
                case '\\' when i + 1 == source.Length:
                    error = "it ends with a lone '\\'";
                    return false;
                case '\\':
                    tokens.Add(new Token(TokenKind.Char, source[++i]));
                    break;
                case '*':
                    if (tokens.Count == 0 || tokens[^1].Kind != TokenKind.Star)
                    {
                        tokens.Add(new Token(TokenKind.Star));
                    }
                    break;
                case '?':
                    tokens.Add(new Token(TokenKind.AnyChar));
                    break;
                case '[':
                    int end = ClassEnd(source, i);
                    if (end < 0)
                    {
                        error = $"'[' has no closing ']' in '{source}'";
                        return false;
                    }
                    tokens.Add(new Token(TokenKind.Class, Class: ParseClass(source.AsSpan(i + 1, end - i - 1))));
                    i = end;
                    break;
                default:
                    tokens.Add(new Token(TokenKind.Char, c));
                    break;
            }
        }
        error = null;
        pattern = new SegmentPattern([.. tokens], ignoreCase);
        return true;
    }

    /// <summary>The index of the ']' closing the class that opens at <paramref name="open"/>, or -1.</summary>
    public static int ClassEnd(string source, int open)
    {
        int i = open + 1;
        if (i < source.Length && source[i] is '!' or '^')
        {
            i++;
        }
        if (i < source.Length && source[i] == ']')
        {
            i++; // "[]a]" and "[!]a]": a ']' first is a member
        }
        for (; i < source.Length; i++)
        {
            switch (source[i])
            {
                case '\\':
                    i++;
                    break;
                case ']':
                    return i;
                case '/':
                    return -1;
            }
        }
        return -1;
    }

    // body is what lies between '[' and ']'.
    private static CharClass ParseClass(ReadOnlySpan<char> body)
    {
        bool negated = body.Length > 0 && body[0] is '!' or '^';
        if (negated)
        {
            body = body[1..];
        }
        var ranges = new List<(char, char)>();
        for (int i = 0; i < body.Length; i++)
        {
            char low = body[i] == '\\' && i + 1 < body.Length ? body[++i] : body[i];
            char high = low;
            if (i + 2 < body.Length && body[i + 1] == '-')
            {
                i += 2;
                high = body[i] == '\\' && i + 1 < body.Length ? body[++i] : body[i];
            }
            ranges.Add((low, high));
        }
        return new CharClass(negated, [.. ranges]);
    }

    public bool IsMatch(ReadOnlySpan<char> segment) => shape switch
    {
        Shape.Literal => segment.Equals(literal, comparison),
        Shape.Anything => true,
        Shape.Prefix => segment.StartsWith(literal, comparison),
        Shape.Suffix => segment.EndsWith(literal, comparison),
        _ => IsGeneralMatch(segment),
    };

    // Wildcard matching that backtracks only to the last '*': linear for every pattern with at most one star, and
    // O(pattern x segment) at worst.
    private bool IsGeneralMatch(ReadOnlySpan<char> segment)
    {
        int t = 0, s = 0, starToken = -1, starPosition = 0;
        while (s < segment.Length)
        {
            if (t < tokens.Length && tokens[t].Kind == TokenKind.Star)
            {
                starToken = t++;
                starPosition = s;
            }
            else if (t < tokens.Length && Matches(tokens[t], segment[s]))
            {
                t++;
                s++;
            }
            else if (starToken >= 0)
            {
                t = starToken + 1;
                s = ++starPosition;
            }
            else
            {
                return false;
            }
        }
        while (t < tokens.Length && tokens[t].Kind == TokenKind.Star)
        {
            t++;
        }
        return t == tokens.Length;
    }

    private bool Matches(Token token, char c) => token.Kind switch
    {
        TokenKind.AnyChar => true,
        TokenKind.Char => token.Char == c || (ignoreCase && char.ToUpperInvariant(token.Char) == char.ToUpperInvariant(c)),
        _ => token.Class!.Contains(c, ignoreCase),
    };
}
