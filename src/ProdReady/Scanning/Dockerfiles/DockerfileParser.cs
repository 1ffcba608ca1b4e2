using System.Buffers;
using System.Collections.Frozen;
using System.Text;
using ProdReady.Model;

namespace ProdReady.Scanning.Dockerfiles;

/// <summary>
/// Reads a Dockerfile into stages and instructions: parser directives (<c># escape=</c>), comments, line
/// continuations (comment and empty lines inside them are skipped, as Docker does) and heredocs. Never throws;
/// problems become diagnostics.
/// </summary>
public static class DockerfileParser
{
    private static readonly FrozenSet<string> Keywords = FrozenSet.Create(StringComparer.Ordinal,
        "ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE", "FROM", "HEALTHCHECK", "LABEL", "MAINTAINER",
        "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR");

    private static readonly FrozenSet<string> HeredocKeywords = FrozenSet.Create(StringComparer.Ordinal, "RUN", "COPY", "ADD");

    private static readonly SearchValues<char> DirectiveNameCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");

    public static DockerfileModel Parse(string relativePath, string content)
    {
        // Only \n and \r\n break lines, so line numbers agree with every other line count in the scanner.
        var lines = content.TrimStart('\uFEFF').Split(["\r\n", "\n"], StringSplitOptions.None);
        var diagnostics = new List<Diagnostic>();
        var instructions = ReadInstructions(relativePath, lines, EscapeCharacter(lines), diagnostics);
        return BuildStages(relativePath, instructions, diagnostics);
    }

    // Parser directives are "# name=value" comments at the very top; the first other line ends them.
    private static char EscapeCharacter(string[] lines)
    {
        foreach (var line in lines)
        {
            var text = line.AsSpan().Trim();
            int equals = text.IndexOf('=');
            if (!text.StartsWith('#') || equals < 0)
            {
                break;
            }
            var name = text[1..equals].Trim();
            var value = text[(equals + 1)..].Trim();
            if (name.IsEmpty || name.ContainsAnyExcept(DirectiveNameCharacters))
            {
                break; // an ordinary comment
            }
            if (name.Equals("escape", StringComparison.OrdinalIgnoreCase) && value is "`" or "\\")
            {
                return value[0];
            }
        }
        return '\\';
    }

    private static List<DockerInstruction> ReadInstructions(string file, string[] lines, char escape, List<Diagnostic> diagnostics)
    {
        var instructions = new List<DockerInstruction>();
        int n = 0;
        while (n < lines.Length)
        {
            var first = lines[n].Trim();
            if (IsBlankOrComment(first))
            {
                n++;
                continue;
            }
            int lineNumber = n + 1;
            var logical = JoinContinuation(lines, ref n, escape);
            int split = logical.AsSpan().IndexOfAny(' ', '\t');
            var keyword = (split < 0 ? logical : logical[..split]).ToUpperInvariant();
            var arguments = split < 0 ? "" : logical[(split + 1)..].Trim();
            if (!Keywords.Contains(keyword))
            {
                diagnostics.Add(Diagnostic.Warning(file, lineNumber, $"unknown Dockerfile instruction '{keyword}'; skipped"));
                continue;
            }
            if (HeredocKeywords.Contains(keyword))
            {
                arguments = AppendHeredocs(file, lineNumber, arguments, lines, ref n, diagnostics);
            }
            instructions.Add(new DockerInstruction(keyword, arguments, lineNumber, first));
        }
        return instructions;
    }

    private static bool IsBlankOrComment(string trimmed) => trimmed.Length == 0 || trimmed[0] == '#';

    // Joins lines ending with the escape character as Docker does: the escape and line break go, nothing else.
    // Leaves n on the line after the instruction.
    private static string JoinContinuation(string[] lines, ref int n, char escape)
    {
        var logical = new StringBuilder();
        var line = lines[n].TrimStart();
        while (true)
        {
            n++;
            var body = line.TrimEnd();
            if (!body.EndsWith(escape))
            {
                logical.Append(body);
                break;
            }
            logical.Append(body, 0, body.Length - 1);
            while (n < lines.Length && IsBlankOrComment(lines[n].Trim()))
            {
                n++;
            }
            if (n == lines.Length)
            {
                break;
            }
            line = lines[n];
        }
        return logical.ToString().Trim();
    }

    // "RUN <<EOF" / "COPY <<-'EOF' /app/x": the body lines up to the delimiter belong to the instruction.
    private static string AppendHeredocs(string file, int lineNumber, string arguments, string[] lines, ref int n, List<Diagnostic> diagnostics)
    {
        var result = new StringBuilder(arguments);
        foreach (var (delimiter, stripTabs) in HeredocDelimiters(arguments))
        {
            while (n < lines.Length && (stripTabs ? lines[n].TrimStart('\t') : lines[n]) != delimiter)
            {
                result.Append('\n').Append(lines[n]);
                n++;
            }
            if (n == lines.Length)
            {
                diagnostics.Add(Diagnostic.Warning(file, lineNumber, $"heredoc <<{delimiter} is never closed"));
                break;
            }
            n++;
        }
        return result.ToString();
    }

    private static IEnumerable<(string Delimiter, bool StripTabs)> HeredocDelimiters(string arguments)
    {
        for (int i = arguments.IndexOf("<<", StringComparison.Ordinal); i >= 0; i = arguments.IndexOf("<<", i, StringComparison.Ordinal))
        {
            i += 2;
            bool stripTabs = i < arguments.Length && arguments[i] == '-';
            int start = stripTabs ? i + 1 : i;
            if (start < arguments.Length && arguments[start] is '"' or '\'')
            {
                start++;
            }
            int end = start;
            while (end < arguments.Length && (char.IsAsciiLetterOrDigit(arguments[end]) || arguments[end] == '_'))
            {
                end++;
            }
            if (end > start && !char.IsAsciiDigit(arguments[start]))
            {
                yield return (arguments[start..end], stripTabs);
            }
            i = end;
        }
    }

    private static DockerfileModel BuildStages(string file, List<DockerInstruction> instructions, List<Diagnostic> diagnostics)
    {
        var globalArgs = new List<DockerInstruction>();
        var globals = new DockerVariables();
        var stages = new List<(DockerInstruction From, List<DockerInstruction> Body)>();
        foreach (var instruction in instructions)
        {
            if (instruction.Keyword == "FROM")
            {
                stages.Add((instruction, [instruction]));
            }
            else if (stages.Count > 0)
            {
                stages[^1].Body.Add(instruction);
            }
            else if (instruction.Keyword == "ARG")
            {
                globalArgs.Add(instruction);
                globals.Declare(instruction);
            }
            else
            {
                diagnostics.Add(Diagnostic.Warning(file, instruction.Line, $"{instruction.Keyword} before the first FROM; skipped"));
            }
        }
        if (stages.Count == 0)
        {
            diagnostics.Add(Diagnostic.Error(file, 1, "no FROM instruction; this is not a buildable Dockerfile"));
        }
        var built = stages.Select(stage => BuildStage(file, stage.From, stage.Body, globals, diagnostics)).ToList();
        return new DockerfileModel(built, globalArgs, diagnostics);
    }

    // FROM [--platform=...] image [AS name]
    private static DockerStage BuildStage(string file, DockerInstruction from, List<DockerInstruction> body, DockerVariables globals, List<Diagnostic> diagnostics)
    {
        var words = DockerVariables.Words(from.Arguments).Where(word => !word.StartsWith("--", StringComparison.Ordinal)).ToList();
        if (words.Count == 0)
        {
            diagnostics.Add(Diagnostic.Warning(file, from.Line, "FROM names no image"));
            return new DockerStage("", null, from.Line, body);
        }
        var alias = words.Count >= 3 && words[1].Equals("AS", StringComparison.OrdinalIgnoreCase) ? words[2] : null;
        return new DockerStage(globals.Expand(words[0]), alias, from.Line, body);
    }
}
