namespace ProdReady.Scanning.Content;

/// <summary>
/// A set of plain strings, one of which every match of a rule pattern contains, read from the pattern's syntax.
/// A file that contains none of them cannot match, so the regex engine never sees it: the same inner-literal
/// prefilter ripgrep uses, in small. The analysis is conservative: any syntax it does not fully understand gives
/// no literals (the pattern is then always run), never a literal the pattern does not require.
/// </summary>
public sealed record RequiredLiterals(IReadOnlyList<string> Values, bool IgnoreCase)
{
    /// <summary>Shorter literals occur almost everywhere; checking for them would cost more than it saves.</summary>
    public const int MinLength = 3;

    /// <summary>Bounds the cross products of alternations and optional parts.</summary>
    private const int MaxStrings = 64;

    /// <summary>The literals of a .NET pattern, or null when the pattern requires none worth checking.</summary>
    public static RequiredLiterals? Of(string pattern, bool ignoreCase)
    {
        var parser = new Parser(pattern) { IgnoreCase = ignoreCase };
        Fragment fragment;
        try
        {
            fragment = parser.Parse();
        }
        catch (UnsupportedSyntax)
        {
            return null;
        }
        var strings = Better(fragment.Literals, fragment.Compact);
        if (strings is null || strings.Count == 0 || strings.Any(s => s.Length < MinLength))
        {
            return null;
        }
        var comparer = parser.IgnoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
        return new RequiredLiterals([.. strings.Distinct(comparer).Order(StringComparer.Ordinal)], parser.IgnoreCase);
    }

    /// <summary>
    /// What is known about a piece of pattern: the finite set of strings it matches exactly, or failing that a set
    /// of strings one of which each of its matches contains; and a compact such set (the best single part's), used
    /// when the full sets of several alternatives together grow too large. Null means nothing is known.
    /// </summary>
    private sealed record Fragment(IReadOnlyList<string>? Exact, IReadOnlyList<string>? Required, IReadOnlyList<string>? Compact)
    {
        public static readonly Fragment Empty = new([""], null, null);
        public static readonly Fragment Unknown = new(null, null, null);

        public static Fragment Of(IReadOnlyList<string> exact) => new(exact, null, exact);

        public IReadOnlyList<string>? Literals => Exact ?? Required;

        public IReadOnlyList<string>? Smallest => Compact ?? Literals;
    }

    private sealed class UnsupportedSyntax : Exception;

    private sealed class Parser(string pattern)
    {
        private int _at;

        /// <summary>Set when the pattern or an inline group turns case-insensitivity on anywhere (a safe superset).</summary>
        public bool IgnoreCase { get; set; }

        public Fragment Parse()
        {
            var fragment = Alternation();
            if (_at < pattern.Length)
            {
                throw new UnsupportedSyntax(); // an unbalanced ')'
            }
            return fragment;
        }

        private Fragment Alternation()
        {
            var branches = new List<Fragment> { Concatenation() };
            while (Peek() == '|')
            {
                _at++;
                branches.Add(Concatenation());
            }
            if (branches.Count == 1)
            {
                return branches[0];
            }
            var exact = branches.All(b => b.Exact is not null) ? Bounded(branches.SelectMany(b => b.Exact!)) : null;
            var required = branches.All(b => b.Literals is not null) ? Bounded(branches.SelectMany(b => b.Literals!)) : null;
            var compact = branches.All(b => b.Smallest is not null) ? Bounded(branches.SelectMany(b => b.Smallest!)) : null;
            return new Fragment(exact, exact is null ? required : null, compact);
        }

        private Fragment Concatenation()
        {
            IReadOnlyList<string>? best = null;
            IReadOnlyList<string>? compact = null;
            IReadOnlyList<string> run = [""];
            var allExact = true;
            while (Peek() is not ('\0' or '|' or ')'))
            {
                var piece = Quantified(Atom());
                compact = Smaller(compact, piece.Smallest);
                if (piece.Exact is not null && Product(run, piece.Exact) is { } joined)
                {
                    run = joined;
                    continue;
                }
                allExact = false;
                best = Better(best, run);
                compact = Smaller(compact, run);
                best = Better(best, piece.Literals);
                run = piece.Exact ?? [""];
            }
            compact = Smaller(compact, run);
            return allExact ? new Fragment(run, null, compact) : new Fragment(null, Better(best, run), compact);
        }

        private Fragment Quantified(Fragment atom)
        {
            if (!TryQuantifier(out var min, out var max))
            {
                return atom;
            }
            if (Peek() == '?')
            {
                _at++; // lazy: same language
            }
            return (min, max) switch
            {
                (1, 1) => atom,
                (0, 1) when atom.Exact is not null => new Fragment(Bounded(atom.Exact.Append("")), null, null),
                (0, _) => Fragment.Unknown,
                _ => new Fragment(null, atom.Literals, atom.Compact),
            };
        }

        private bool TryQuantifier(out int min, out int max)
        {
            (min, max) = (1, 1);
            switch (Peek())
            {
                case '*':
                    _at++;
                    (min, max) = (0, int.MaxValue);
                    return true;
                case '+':
                    _at++;
                    (min, max) = (1, int.MaxValue);
                    return true;
                case '?':
                    _at++;
                    (min, max) = (0, 1);
                    return true;
                case '{':
                    return TryCountedQuantifier(out min, out max);
                default:
                    return false;
            }
        }

        // {n}, {n,}, {n,m}; anything else is a literal '{', as .NET reads it.
        private bool TryCountedQuantifier(out int min, out int max)
        {
            (min, max) = (1, 1);
            var close = pattern.IndexOf('}', _at);
            if (close < 0)
            {
                return false;
            }
            var parts = pattern[(_at + 1)..close].Split(',');
            if (parts.Length > 2 || !int.TryParse(parts[0], out min))
            {
                return false;
            }
            max = parts.Length == 1 ? min : parts[1].Length == 0 ? int.MaxValue : int.TryParse(parts[1], out var upper) ? upper : -1;
            if (max < 0)
            {
                return false;
            }
            _at = close + 1;
            return true;
        }

        private Fragment Atom()
        {
            var c = pattern[_at++];
            return c switch
            {
                '(' => Group(),
                '[' => CharacterClass(),
                '\\' => Escape(),
                '^' or '$' => Fragment.Empty,
                '.' => Fragment.Unknown,
                '*' or '+' or '?' => throw new UnsupportedSyntax(), // a quantifier with nothing to repeat
                _ => Literal(c),
            };
        }

        private Fragment Literal(char c) => char.IsAscii(c) ? Fragment.Of([c.ToString()]) : Fragment.Unknown;

        private Fragment Group()
        {
            var kind = GroupKind();
            if (kind == GroupType.Comment)
            {
                var end = pattern.IndexOf(')', _at);
                _at = end < 0 ? throw new UnsupportedSyntax() : end + 1;
                return Fragment.Empty;
            }
            if (kind == GroupType.OptionsOnly)
            {
                return Fragment.Empty;
            }
            var inner = Alternation();
            if (Peek() != ')')
            {
                throw new UnsupportedSyntax();
            }
            _at++;
            return kind == GroupType.Lookaround ? Fragment.Empty : inner;
        }

        private enum GroupType
        {
            Plain,
            Lookaround,
            Comment,
            OptionsOnly,
        }

        private GroupType GroupKind()
        {
            if (Peek() != '?')
            {
                return GroupType.Plain;
            }
            _at++;
            var c = Peek();
            switch (c)
            {
                case ':' or '>':
                    _at++;
                    return GroupType.Plain;
                case '=' or '!':
                    _at++;
                    return GroupType.Lookaround;
                case '#':
                    return GroupType.Comment;
                case '<' when Peek(1) is '=' or '!':
                    _at += 2;
                    return GroupType.Lookaround;
                case '<' or '\'':
                    var close = pattern.IndexOf(c == '<' ? '>' : '\'', _at + 1);
                    _at = close < 0 ? throw new UnsupportedSyntax() : close + 1;
                    return GroupType.Plain;
                default:
                    return InlineOptions();
            }
        }

        // (?imnsx-imnsx) or (?imnsx-imnsx:...). Only case-insensitivity and free spacing matter to literals.
        private GroupType InlineOptions()
        {
            var enabling = true;
            while (_at < pattern.Length && pattern[_at] is not (':' or ')'))
            {
                switch (pattern[_at])
                {
                    case '-':
                        enabling = false;
                        break;
                    case 'i':
                        IgnoreCase |= enabling;
                        break;
                    case 'x' when enabling:
                        throw new UnsupportedSyntax(); // whitespace stops being literal
                    case 'm' or 'n' or 's' or 'x':
                        break;
                    default:
                        throw new UnsupportedSyntax(); // conditionals and the like
                }
                _at++;
            }
            if (_at >= pattern.Length)
            {
                throw new UnsupportedSyntax();
            }
            return pattern[_at++] == ')' ? GroupType.OptionsOnly : GroupType.Plain;
        }

        /// <summary>Small classes such as ['"`] become their characters; anything larger is one unknown character.</summary>
        private Fragment CharacterClass()
        {
            var negated = Peek() == '^';
            if (negated)
            {
                _at++;
            }
            var members = new List<char>();
            var known = !negated;
            var first = true;
            while (true)
            {
                if (_at >= pattern.Length)
                {
                    throw new UnsupportedSyntax();
                }
                var c = pattern[_at++];
                if (c == ']' && !first)
                {
                    break;
                }
                first = false;
                if (c == '[' || (c == '-' && Peek() == '['))
                {
                    throw new UnsupportedSyntax(); // class subtraction
                }
                if (c == '\\')
                {
                    c = ClassEscape(ref known);
                }
                if (Peek() == '-' && Peek(1) is not (']' or '\0'))
                {
                    _at++;
                    var upper = pattern[_at++];
                    if (upper == '\\')
                    {
                        upper = ClassEscape(ref known);
                    }
                    known &= upper - c < 8;
                    for (var member = c; known && member <= upper; member++)
                    {
                        members.Add(member);
                    }
                    continue;
                }
                members.Add(c);
            }
            return known && members.Count <= 8 && members.All(char.IsAscii)
                ? Fragment.Of([.. members.Select(member => member.ToString())])
                : Fragment.Unknown;
        }

        private char ClassEscape(ref bool known)
        {
            var c = pattern[_at++];
            if (char.IsAsciiLetterOrDigit(c))
            {
                known = false; // \d, \w, \p{..}, \x41 ...: not a plain character
                if (c is 'p' or 'P' && Peek() == '{')
                {
                    _at = pattern.IndexOf('}', _at) is var close and >= 0 ? close + 1 : throw new UnsupportedSyntax();
                }
            }
            return c;
        }

        private Fragment Escape()
        {
            if (_at >= pattern.Length)
            {
                throw new UnsupportedSyntax();
            }
            var c = pattern[_at++];
            switch (c)
            {
                case 'b' or 'B' or 'A' or 'z' or 'Z' or 'G':
                    return Fragment.Empty;
                case 'd' or 'D' or 'w' or 'W' or 's' or 'S':
                    return Fragment.Unknown;
                case 'p' or 'P':
                    var close = pattern.IndexOf('}', _at);
                    _at = Peek() == '{' && close > 0 ? close + 1 : throw new UnsupportedSyntax();
                    return Fragment.Unknown;
                case 'n':
                    return Literal('\n');
                case 't':
                    return Literal('\t');
                case 'r':
                    return Literal('\r');
                default:
                    // Escaped punctuation is itself; other letters and digits (\x41, \1, \k<n>, \cX) are not handled.
                    return char.IsAsciiLetterOrDigit(c) ? throw new UnsupportedSyntax() : Literal(c);
            }
        }

        private char Peek(int ahead = 0) => _at + ahead < pattern.Length ? pattern[_at + ahead] : '\0';
    }

    private static IReadOnlyList<string>? Product(IReadOnlyList<string> left, IReadOnlyList<string> right) =>
        left.Count * right.Count > MaxStrings ? null : [.. left.SelectMany(l => right.Select(r => l + r)).Distinct()];

    private static IReadOnlyList<string>? Bounded(IEnumerable<string> strings)
    {
        var distinct = strings.Distinct().ToList();
        return distinct.Count > MaxStrings ? null : distinct;
    }

    /// <summary>Of two literal sets long enough to use, the one with fewer strings (to keep unions of alternatives small).</summary>
    private static IReadOnlyList<string>? Smaller(IReadOnlyList<string>? a, IReadOnlyList<string>? b)
    {
        static bool Usable(IReadOnlyList<string>? set) => set is { Count: > 0 } && set.All(s => s.Length >= MinLength);
        return (Usable(a), Usable(b)) switch
        {
            (true, true) => a!.Count != b!.Count ? (a.Count < b.Count ? a : b) : Better(a, b),
            (true, false) => a,
            (false, true) => b,
            _ => Better(a, b),
        };
    }

    /// <summary>The more selective of two literal sets: the longer shortest string, then the smaller set.</summary>
    private static IReadOnlyList<string>? Better(IReadOnlyList<string>? a, IReadOnlyList<string>? b)
    {
        if (a is null || a.Count == 0)
        {
            return b is { Count: > 0 } ? b : null;
        }
        if (b is null || b.Count == 0)
        {
            return a;
        }
        var (shortestA, shortestB) = (a.Min(s => s.Length), b.Min(s => s.Length));
        return shortestA != shortestB ? (shortestA > shortestB ? a : b) : (a.Count <= b.Count ? a : b);
    }
}
