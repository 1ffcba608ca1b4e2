using System.Globalization;
using System.Text;

namespace ProdReady.Scanning.Manifests.Toml;

internal sealed record TomlError(int Line, string Message);

/// <summary>A TOML document; on a syntax error, everything read before it and the error.</summary>
internal sealed record TomlDocument(TomlTable Root, TomlError? Error);

/// <summary>
/// A small TOML 1.0 reader, enough for manifests: tables, arrays of tables, dotted keys, all four string forms
/// (with the \e and \x escapes of TOML 1.1), arrays, inline tables. Numbers, booleans and dates are kept as text,
/// unconverted and only loosely checked. It stops at the first syntax error and reports its line.
/// </summary>
internal sealed class TomlReader
{
    // Values nest by recursion; real manifests nest two or three levels, hostile ones could overflow the stack.
    private const int MaxNesting = 128;

    private readonly string _text;
    private readonly TomlTable _root = new(1, TomlTableKind.Header);
    private TomlTable _current;
    private int _pos;
    private int _line = 1;
    private int _nesting;

    private TomlReader(string text)
    {
        _text = text;
        _current = _root;
        if (text.StartsWith('\uFEFF'))
            _pos = 1;
    }

    public static TomlDocument Parse(string text)
    {
        var reader = new TomlReader(text);
        try
        {
            reader.ParseDocument();
            return new TomlDocument(reader._root, null);
        }
        catch (TomlSyntaxException e)
        {
            return new TomlDocument(reader._root, new TomlError(e.Line, e.Message));
        }
    }

    private bool AtEnd => _pos >= _text.Length;

    private char Peek(int ahead = 0) => _pos + ahead < _text.Length ? _text[_pos + ahead] : '\0';

    private bool AtLineEnd => AtEnd || Peek() is '\n' or '#' || (Peek() == '\r' && Peek(1) == '\n');

    private char Next()
    {
        var c = _text[_pos++];
        if (c == '\n')
            _line++;
        return c;
    }

    private void ParseDocument()
    {
        while (!AtEnd)
        {
            SkipSpaces();
            if (Peek() == '[')
                ParseHeader();
            else if (!AtLineEnd)
                ParseKeyValue(_current);
            EndLine();
        }
    }

    private void EndLine()
    {
        SkipSpaces();
        if (Peek() == '#')
            SkipComment();
        if (AtEnd)
            return;
        if (Peek() == '\r' && Peek(1) == '\n')
            _pos++;
        if (Peek() != '\n')
            throw Error(_line, $"unexpected '{Peek()}' after a value (one key or header per line)");
        Next();
    }

    private void SkipSpaces()
    {
        while (Peek() is ' ' or '\t')
            _pos++;
    }

    private void SkipComment()
    {
        while (!AtEnd && Peek() != '\n')
            _pos++;
    }

    private void SkipWhitespaceAndLineBreaks()
    {
        while (Peek() is ' ' or '\t' or '\r' or '\n')
            Next();
    }

    /// <summary>Inside arrays: spaces, line breaks and comments may come between items.</summary>
    private void SkipBlankLines()
    {
        SkipWhitespaceAndLineBreaks();
        while (Peek() == '#')
        {
            SkipComment();
            SkipWhitespaceAndLineBreaks();
        }
    }

    private void Expect(char expected, string context)
    {
        if (Peek() != expected)
            throw Error(_line, AtLineEnd ? $"expected '{expected}' {context}" : $"expected '{expected}' {context}, found '{Peek()}'");
        _pos++;
    }

    private void ParseHeader()
    {
        var line = _line;
        _pos++;
        var ofTables = Peek() == '[';
        if (ofTables)
            _pos++;
        var key = ParseKey();
        Expect(']', "to close the table header");
        if (ofTables)
            Expect(']', "to close the table header");
        _current = ofTables ? AppendToTableArray(key, line) : DefineTable(key, line);
    }

    private TomlTable DefineTable(List<string> key, int line)
    {
        var parent = Descend(_root, key, line, fromHeader: true);
        switch (parent[key[^1]])
        {
            case null:
                var table = new TomlTable(line, TomlTableKind.Header);
                parent.TryAdd(key[^1], table);
                return table;
            case TomlTable { Kind: TomlTableKind.Implicit } implicitTable:
                implicitTable.Define(line);
                return implicitTable;
            default:
                throw Error(line, $"'{string.Join('.', key)}' is already defined");
        }
    }

    private TomlTable AppendToTableArray(List<string> key, int line)
    {
        var parent = Descend(_root, key, line, fromHeader: true);
        var array = parent[key[^1]] switch
        {
            null => new TomlArray(line, ofTables: true),
            TomlArray { OfTables: true } existing => existing,
            _ => throw Error(line, $"'{string.Join('.', key)}' is already defined and is not an array of tables"),
        };
        parent.TryAdd(key[^1], array);
        var table = new TomlTable(line, TomlTableKind.Header);
        array.Items.Add(table);
        return table;
    }

    /// <summary>Walks every key but the last, creating missing tables; headers may also step into the last table of an array of tables.</summary>
    private TomlTable Descend(TomlTable table, List<string> key, int line, bool fromHeader)
    {
        for (var i = 0; i < key.Count - 1; i++)
        {
            switch (table[key[i]])
            {
                case null:
                    var created = new TomlTable(line, fromHeader ? TomlTableKind.Implicit : TomlTableKind.Dotted);
                    table.TryAdd(key[i], created);
                    table = created;
                    break;
                case TomlTable { Kind: not TomlTableKind.Inline } existing:
                    table = existing;
                    break;
                case TomlArray { OfTables: true } array when fromHeader:
                    table = (TomlTable)array.Items[^1];
                    break;
                default:
                    throw Error(line, $"'{string.Join('.', key.Take(i + 1))}' is already defined as a value");
            }
        }
        return table;
    }

    private void ParseKeyValue(TomlTable target)
    {
        var line = _line;
        var key = ParseKey();
        Expect('=', $"after the key '{string.Join('.', key)}'");
        SkipSpaces();
        var table = Descend(target, key, line, fromHeader: false);
        if (table[key[^1]] is not null)
            throw Error(line, $"'{string.Join('.', key)}' is already defined");
        ParseValue(value => table.TryAdd(key[^1], value));
    }

    private List<string> ParseKey()
    {
        var parts = new List<string>();
        while (true)
        {
            SkipSpaces();
            parts.Add(ParseSimpleKey());
            SkipSpaces();
            if (Peek() != '.')
                return parts;
            _pos++;
        }
    }

    private string ParseSimpleKey()
    {
        if (Peek() is '"' or '\'')
            return ParseSingleLineString(Peek());
        var start = _pos;
        while (char.IsAsciiLetterOrDigit(Peek()) || Peek() is '_' or '-')
            _pos++;
        if (_pos == start)
            throw Error(_line, AtLineEnd ? "expected a key" : $"unexpected '{Peek()}' where a key was expected");
        return _text[start.._pos];
    }

    /// <summary>
    /// Reads a value and hands it to <paramref name="attach"/>; arrays and inline tables are attached before their
    /// content is read, so that after a syntax error inside them the items read so far are kept.
    /// </summary>
    private void ParseValue(Action<TomlNode> attach)
    {
        var line = _line;
        var quote = Peek();
        switch (quote)
        {
            case '[' or '{' when _nesting >= MaxNesting:
                throw Error(line, $"arrays and inline tables nest deeper than {MaxNesting} levels");
            case '[':
                var array = new TomlArray(line, ofTables: false);
                attach(array);
                _nesting++;
                ParseArrayItems(array);
                _nesting--;
                break;
            case '{':
                var table = new TomlTable(line, TomlTableKind.Inline);
                attach(table);
                _nesting++;
                ParseInlineTableEntries(table);
                _nesting--;
                break;
            case '"' or '\'':
                var text = Peek(1) == quote && Peek(2) == quote ? ParseMultiLineString(quote) : ParseSingleLineString(quote);
                attach(new TomlScalar(text, isString: true, line));
                break;
            default:
                attach(ParseBareValue());
                break;
        }
    }

    /// <summary>A basic ("...", with escapes) or literal ('...', verbatim) string on one line.</summary>
    private string ParseSingleLineString(char quote)
    {
        var line = _line;
        _pos++;
        var text = new StringBuilder();
        while (true)
        {
            if (AtEnd || Peek() == '\n')
                throw Error(line, "unterminated string");
            var c = Next();
            if (c == quote)
                return text.ToString();
            if (c == '\\' && quote == '"')
                AppendEscape(text);
            else
                text.Append(c);
        }
    }

    /// <summary>"""...""" or '''...''': a newline right after the opening is dropped; up to two quotes may precede the closing.</summary>
    private string ParseMultiLineString(char quote)
    {
        var line = _line;
        _pos += 3;
        if (Peek() == '\r' && Peek(1) == '\n')
            _pos++;
        if (Peek() == '\n')
            Next();
        var text = new StringBuilder();
        while (true)
        {
            if (AtEnd)
                throw Error(line, "unterminated multi-line string");
            if (Peek() == quote && Peek(1) == quote && Peek(2) == quote)
            {
                var run = 3;
                while (run < 5 && Peek(run) == quote)
                    run++;
                text.Append(quote, run - 3);
                _pos += run;
                return text.ToString();
            }
            var c = Next();
            if (c != '\\' || quote == '\'')
                text.Append(c);
            else if (BackslashEndsLine())
                SkipWhitespaceAndLineBreaks();
            else
                AppendEscape(text);
        }
    }

    /// <summary>A backslash at the end of a line (trailing spaces allowed) trims the line break and the next line's indentation.</summary>
    private bool BackslashEndsLine()
    {
        var p = _pos;
        while (p < _text.Length && _text[p] is ' ' or '\t')
            p++;
        return p < _text.Length && _text[p] is '\n' or '\r';
    }

    private void AppendEscape(StringBuilder text)
    {
        var c = AtEnd ? '\0' : Next();
        switch (c)
        {
            case 'b': text.Append('\b'); break;
            case 't': text.Append('\t'); break;
            case 'n': text.Append('\n'); break;
            case 'f': text.Append('\f'); break;
            case 'r': text.Append('\r'); break;
            case 'e': text.Append('\u001B'); break;
            case '"': text.Append('"'); break;
            case '\\': text.Append('\\'); break;
            case 'x': AppendCodePoint(text, 2); break;
            case 'u': AppendCodePoint(text, 4); break;
            case 'U': AppendCodePoint(text, 8); break;
            default: throw Error(_line, $"invalid escape '\\{c}'");
        }
    }

    private void AppendCodePoint(StringBuilder text, int digits)
    {
        if (_pos + digits > _text.Length
            || !int.TryParse(_text.AsSpan(_pos, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var codePoint)
            || !Rune.IsValid(codePoint))
            throw Error(_line, "invalid unicode escape");
        text.Append(char.ConvertFromUtf32(codePoint));
        _pos += digits;
    }

    private void ParseArrayItems(TomlArray array)
    {
        var line = array.Line;
        _pos++;
        while (true)
        {
            SkipBlankLines();
            if (Peek() == ']')
                break;
            if (AtEnd)
                throw Error(line, "array is not closed");
            ParseValue(array.Items.Add);
            SkipBlankLines();
            if (Peek() == ',')
                _pos++;
            else if (Peek() == ']')
                break;
            else
                throw AtEnd ? Error(line, "array is not closed") : Error(_line, $"expected ',' or ']' in the array, found '{Peek()}'");
        }
        _pos++;
    }

    /// <summary>{ k = v, ... } on one line, as TOML 1.0 requires.</summary>
    private void ParseInlineTableEntries(TomlTable table)
    {
        var line = table.Line;
        _pos++;
        while (true)
        {
            SkipSpaces();
            if (Peek() == '}')
                break;
            if (AtLineEnd)
                throw Error(line, "inline table is not closed on its line");
            ParseKeyValue(table);
            SkipSpaces();
            if (Peek() == ',')
                _pos++;
            else if (Peek() == '}')
                break;
            else
                throw AtLineEnd ? Error(line, "inline table is not closed on its line") : Error(line, $"expected ',' or '}}' in the inline table, found '{Peek()}'");
        }
        _pos++;
    }

    /// <summary>An integer, float, boolean or date, kept as written.</summary>
    private TomlScalar ParseBareValue()
    {
        var line = _line;
        var start = _pos;
        SkipBareValueChars();
        // A date and a time may be separated by a space: 1979-05-27 07:32:00Z.
        if (_pos - start == 10 && _text[start + 4] == '-' && Peek() == ' ' && char.IsAsciiDigit(Peek(1)) && char.IsAsciiDigit(Peek(2)) && Peek(3) == ':')
        {
            _pos++;
            SkipBareValueChars();
        }
        var text = _text[start.._pos];
        if (text.Length == 0)
            throw Error(line, AtLineEnd ? "expected a value" : $"unexpected '{Peek()}' where a value was expected");
        if (!IsScalar(text))
            throw Error(line, $"invalid value '{text}' (strings need quotes)");
        return new TomlScalar(text, isString: false, line);
    }

    private void SkipBareValueChars()
    {
        while (char.IsAsciiLetterOrDigit(Peek()) || Peek() is '+' or '-' or '_' or '.' or ':')
            _pos++;
    }

    private static bool IsScalar(string text)
    {
        var unsigned = text.TrimStart('+', '-');
        return text is "true" or "false" || unsigned is "inf" or "nan" || (unsigned.Length > 0 && char.IsAsciiDigit(unsigned[0]));
    }

    private static TomlSyntaxException Error(int line, string message) => new(line, message);

    private sealed class TomlSyntaxException(int line, string message) : Exception(message)
    {
        public int Line { get; } = line;
    }
}
