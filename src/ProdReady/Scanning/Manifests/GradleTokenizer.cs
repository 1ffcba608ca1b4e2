namespace ProdReady.Scanning.Manifests;

internal enum GradleTokenKind
{
    Word,
    String,
    Symbol,
    NewLine,
}

/// <summary>A word (identifier, keyword or number), a string's content, a one-character symbol, or a line break.</summary>
internal readonly record struct GradleToken(GradleTokenKind Kind, string Text, int Line)
{
    public bool Is(string symbol) => Kind == GradleTokenKind.Symbol && Text == symbol;
}

/// <summary>
/// Splits a Groovy or Kotlin build script into tokens, dropping comments, so that neither commented-out code
/// nor a "//" inside a string misleads the reader. Stops at an unterminated string or comment and reports it.
/// </summary>
internal sealed class GradleTokenizer
{
    private readonly string _text;
    private readonly List<GradleToken> _tokens = [];
    private int _pos;
    private int _line = 1;

    private GradleTokenizer(string text) => _text = text;

    public static List<GradleToken> Tokenize(string text, out (int Line, string Message)? error)
    {
        var tokenizer = new GradleTokenizer(text);
        error = tokenizer.Run();
        return tokenizer._tokens;
    }

    private char Peek(int ahead = 0) => _pos + ahead < _text.Length ? _text[_pos + ahead] : '\0';

    private (int Line, string Message)? Run()
    {
        while (_pos < _text.Length)
        {
            var c = Peek();
            if (c == '\n')
            {
                _tokens.Add(new GradleToken(GradleTokenKind.NewLine, "\n", _line++));
                _pos++;
            }
            else if (char.IsWhiteSpace(c))
                _pos++;
            else if (c == '/' && Peek(1) == '/')
                SkipLineComment();
            else if (c == '/' && Peek(1) == '*')
            {
                if (!SkipBlockComment(out var startLine))
                    return (startLine, "the /* comment is not closed");
            }
            else if (c is '"' or '\'')
            {
                if (!ReadString(c))
                    return (_line, "unterminated string");
            }
            else if (c == '`')
            {
                var end = _text.IndexOf('`', _pos + 1);
                if (end < 0 || _text.AsSpan(_pos, end - _pos).Contains('\n'))
                    return (_line, "unterminated `name`");
                _tokens.Add(new GradleToken(GradleTokenKind.Word, _text[(_pos + 1)..end], _line));
                _pos = end + 1;
            }
            else if (char.IsLetterOrDigit(c) || c is '_' or '$')
            {
                var start = _pos;
                while (char.IsLetterOrDigit(Peek()) || Peek() is '_' or '$')
                    _pos++;
                _tokens.Add(new GradleToken(GradleTokenKind.Word, _text[start.._pos], _line));
            }
            else
            {
                _tokens.Add(new GradleToken(GradleTokenKind.Symbol, c.ToString(), _line));
                _pos++;
            }
        }
        return null;
    }

    private void SkipLineComment()
    {
        while (_pos < _text.Length && Peek() != '\n')
            _pos++;
    }

    /// <summary>Skips /* ... */ keeping its line breaks as tokens, so the statements around it stay apart.</summary>
    private bool SkipBlockComment(out int startLine)
    {
        startLine = _line;
        var end = _text.IndexOf("*/", _pos + 2, StringComparison.Ordinal);
        if (end < 0)
            return false;
        for (; _pos < end; _pos++)
        {
            if (_text[_pos] == '\n')
                _tokens.Add(new GradleToken(GradleTokenKind.NewLine, "\n", _line++));
        }
        _pos = end + 2;
        return true;
    }

    /// <summary>'...', "...", '''...''' or """...""" (content kept as written, escapes and ${...} included).</summary>
    private bool ReadString(char quote)
    {
        var line = _line;
        var triple = Peek(1) == quote && Peek(2) == quote;
        var delimiter = triple ? 3 : 1;
        var start = _pos + delimiter;
        _pos = start;
        while (true)
        {
            var c = Peek();
            if (_pos >= _text.Length || (c == '\n' && !triple))
                return false;
            if (c == quote && (!triple || (Peek(1) == quote && Peek(2) == quote)))
                break;
            if (c == '\\' && Peek(1) != '\n')
                _pos++; // the escaped character cannot end the string
            else if (c == '$' && Peek(1) == '{' && quote == '"')
                SkipInterpolation();
            else if (c == '\n')
                _line++;
            _pos++;
        }
        _tokens.Add(new GradleToken(GradleTokenKind.String, _text[start.._pos], line));
        _pos += delimiter;
        return true;
    }

    /// <summary>Moves to the '}' closing "${", so that quotes inside the expression do not end the string.</summary>
    private void SkipInterpolation()
    {
        var depth = 0;
        for (_pos++; _pos < _text.Length; _pos++)
        {
            if (_text[_pos] == '{')
                depth++;
            else if (_text[_pos] == '}' && --depth == 0)
                return;
            else if (_text[_pos] == '\n')
                _line++;
        }
    }
}
