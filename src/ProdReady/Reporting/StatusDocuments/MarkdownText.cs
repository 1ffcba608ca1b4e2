using System.Text;
using ProdReady.Documents;

namespace ProdReady.Reporting.StatusDocuments;

/// <summary>Free text (reasons, regexes, excerpts, paths) written so that Markdown shows it as it is.</summary>
internal static class MarkdownText
{
    private const string Punctuation = "\\`*_[]<>|#!~&";

    /// <summary>
    /// One line, cut at <paramref name="max"/>, every Markdown punctuation escaped. Brackets become parentheses when
    /// the text would otherwise read as a status ("[done]", "[N/A]") to `doc lint`: the document's marks are its own.
    /// </summary>
    public static string Plain(string text, int max = 240) => Escaped(text, max, keepCode: false);

    /// <summary>As <see cref="Plain"/>, but code spans the catalog's own text writes (`USER app`) stay code spans.</summary>
    public static string Prose(string text, int max = 400) => Escaped(text, max, keepCode: true);

    private static string Escaped(string text, int max, bool keepCode)
    {
        var line = ReportText.Shorten(text, max);
        if (StatusMarks.Read(line).Status is not null)
        {
            line = line.Replace('[', '(').Replace(']', ')');
        }
        var escaped = new StringBuilder(line.Length + 8);
        for (var index = 0; index < line.Length; index++)
        {
            var close = keepCode && line[index] == '`' ? line.IndexOf('`', index + 1) : -1;
            if (close > index + 1)
            {
                escaped.Append(line, index, close - index + 1);
                index = close;
                continue;
            }
            escaped.Append(Punctuation.Contains(line[index], StringComparison.Ordinal) ? "\\" : "").Append(line[index]);
        }
        return escaped.ToString();
    }

    /// <summary>The text as a code span, fenced with more backticks than it holds.</summary>
    public static string Code(string text, int max = 100)
    {
        var line = ReportText.Shorten(text, max);
        var longest = 0;
        for (int index = 0, run = 0; index < line.Length; index++)
        {
            run = line[index] == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }
        var fence = new string('`', longest + 1);
        var pad = line.StartsWith('`') || line.EndsWith('`') ? " " : "";
        return $"{fence}{pad}{line}{pad}{fence}";
    }

    /// <summary>A link to a repository file, at a line when known: [src/app.ts:12](../src/app.ts#L12).</summary>
    public static string FileLink(string linkBase, string file, int? line)
    {
        var target = linkBase + string.Join('/', file.Split('/').Select(Uri.EscapeDataString)) + (line is int number ? $"#L{number}" : "");
        return $"[{Plain(line is int at ? $"{file}:{at}" : file, 200)}]({target})";
    }
}
