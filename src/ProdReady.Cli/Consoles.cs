using Spectre.Console;

namespace ProdReady.Cli;

/// <summary>Where output goes: the terminal with colour, or plain text when redirected to a pipe or a file.</summary>
internal static class Consoles
{
    /// <summary>Wide enough that CI logs and files keep one finding per line.</summary>
    private const int PlainWidth = 160;

    public static IAnsiConsole Out { get; } = Console.IsOutputRedirected ? Plain(Console.Out) : AnsiConsole.Console;

    public static IAnsiConsole Error { get; } = Console.IsErrorRedirected
        ? Plain(Console.Error)
        : AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });

    public static IAnsiConsole Plain(TextWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = PlainWidth;
        return console;
    }

    public static void Fail(string message) => Problem("red", "error", message);

    public static void Warn(string message) => Problem("yellow", "warning", message);

    /// <summary>"error: message" as one line whatever its length, so scripts and logs can match it; colour on a terminal.</summary>
    private static void Problem(string colour, string label, string message)
    {
        Error.Markup($"[{colour}]{label}:[/] ");
        Console.Error.WriteLine(message);
    }
}
