using System.Text;

namespace ProdReady.Scanning.Dockerfiles;

/// <summary>ARG/ENV values and Docker's variable substitution, as far as a Dockerfile alone can tell them.</summary>
internal sealed class DockerVariables
{
    // null: declared without a value (it may be given at build time, so it is unknown here).
    private readonly Dictionary<string, string?> values = new(StringComparer.Ordinal);

    // The ARGs before the first FROM; a stage sees one only after declaring it again ("ARG VERSION").
    private readonly DockerVariables? globals;

    public DockerVariables(DockerVariables? globals = null) => this.globals = globals;

    /// <summary>Records an ARG or ENV instruction.</summary>
    public void Declare(DockerInstruction instruction)
    {
        bool isEnv = instruction.Keyword == "ENV";
        var words = Words(instruction.Arguments);
        if (isEnv && words.Count > 0 && !words[0].Contains('='))
        {
            // Legacy "ENV NAME value with spaces".
            values[words[0]] = Expand(string.Join(' ', words.Skip(1)));
            return;
        }
        foreach (var word in words)
        {
            int equals = word.IndexOf('=');
            if (equals > 0)
            {
                values[word[..equals]] = Expand(word[(equals + 1)..]);
            }
            else if (!isEnv)
            {
                values[word] = values.GetValueOrDefault(word) ?? globals?.values.GetValueOrDefault(word);
            }
        }
    }

    /// <summary>
    /// Expands $NAME, ${NAME}, ${NAME:-default} and ${NAME:+alternative}; a reference whose value is unknown stays as
    /// written, so callers can see that it is unresolved.
    /// </summary>
    public string Expand(string text)
    {
        if (!text.Contains('$'))
        {
            return text;
        }
        var result = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '\\' && i + 1 < text.Length && text[i + 1] == '$')
            {
                result.Append('$');
                i++;
            }
            else if (c != '$')
            {
                result.Append(c);
            }
            else if (i + 1 < text.Length && text[i + 1] == '{')
            {
                int close = text.IndexOf('}', i + 2);
                if (close < 0)
                {
                    result.Append(text, i, text.Length - i);
                    break;
                }
                result.Append(ExpandBraced(text[i..(close + 1)]));
                i = close;
            }
            else
            {
                int end = NameEnd(text, i + 1);
                var name = text[(i + 1)..end];
                result.Append(name.Length > 0 && values.GetValueOrDefault(name) is { } value ? value : text[i..end]);
                i = end - 1;
            }
        }
        return result.ToString();
    }

    // reference is "${...}".
    private string ExpandBraced(string reference)
    {
        var inner = reference[2..^1];
        int end = NameEnd(inner, 0);
        var value = values.GetValueOrDefault(inner[..end]);
        var modifier = inner[end..];
        if (modifier.Length == 0)
        {
            return value ?? reference;
        }
        if (modifier.StartsWith(":-", StringComparison.Ordinal))
        {
            return string.IsNullOrEmpty(value) ? Expand(modifier[2..]) : value;
        }
        if (modifier.StartsWith(":+", StringComparison.Ordinal))
        {
            return string.IsNullOrEmpty(value) ? "" : Expand(modifier[2..]);
        }
        return reference;
    }

    private static int NameEnd(string text, int start)
    {
        int end = start;
        while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] == '_'))
        {
            end++;
        }
        return end;
    }

    /// <summary>Splits on whitespace; "..." and '...' group words and are removed.</summary>
    public static List<string> Words(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        bool inWord = false;
        char quote = '\0';
        foreach (char c in text)
        {
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
                else
                {
                    word.Append(c);
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
                inWord = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }
        if (inWord)
        {
            words.Add(word.ToString());
        }
        return words;
    }
}
