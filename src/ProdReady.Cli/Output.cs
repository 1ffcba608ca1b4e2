using Spectre.Console;

namespace ProdReady.Cli;

/// <summary>Where a report goes: the terminal, or a file written whole or not at all.</summary>
internal static class Output
{
    public static IAnsiConsole ConsoleFor(TextWriter writer) => writer == Console.Out ? Consoles.Out : Consoles.Plain(writer);

    /// <summary>
    /// Writes to the file (creating its folder), or stdout. A file is written whole or not at all (temp file, then
    /// move); a failure is one line naming the file.
    /// </summary>
    public static int Write(FileInfo? output, Action<TextWriter> render)
    {
        if (output is null)
        {
            render(Console.Out);
            return ExitCodes.Done;
        }
        var temporary = output.FullName + ".tmp";
        try
        {
            output.Directory?.Create();
            using (var writer = new StreamWriter(temporary))
            {
                render(writer);
            }
            File.Move(temporary, output.FullName, overwrite: true);
            return ExitCodes.Done;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Consoles.Fail($"{output.FullName}: cannot write: {e.Message}");
            try
            {
                File.Delete(temporary);
            }
            catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException)
            {
                // The temp file was never created where the folder cannot be.
            }
            return ExitCodes.BadInput;
        }
    }
}
