namespace ProdReady.Scanning.Structured;

/// <summary>
/// A guard run before YAML reaches the parser: YamlDotNet loads nested collections recursively, so a file of
/// thousands of '[' would overflow the stack and end the process, which no handler can catch. Real files nest a
/// few levels; anything beyond <see cref="MaxDepth"/> is refused with the line where the limit was crossed.
/// </summary>
public static class YamlNesting
{
    public const int MaxDepth = 256;

    /// <summary>The 1-based line where flow collections ('[' and '{') first nest deeper than the limit, or null.</summary>
    public static int? LineTooDeep(string text)
    {
        var depth = 0;
        var line = 1;
        var quote = '\0';
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n')
            {
                line++;
                quote = '\0'; // plain YAML quotes rarely span lines; resetting keeps one stray quote from hiding the rest
                continue;
            }
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
                continue;
            }
            switch (c)
            {
                case '"' or '\'':
                    quote = c;
                    break;
                case '[' or '{' when ++depth > MaxDepth:
                    return line;
                case ']' or '}' when depth > 0:
                    depth--;
                    break;
            }
        }
        return null;
    }
}
