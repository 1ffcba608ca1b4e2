using System.Globalization;
using ProdReady.History;
using Spectre.Console;

namespace ProdReady.Reporting;

/// <summary>
/// A score move as history and diff show it: "+1.5", and for a notable move a marker that survives plain text
/// ("▲ +12.5", "▼ -6.0") plus colour on a terminal.
/// </summary>
public static class ScoreMoveText
{
    public static string Plain(ScoreChange change) => change.Delta is double delta
        ? (change.IsNotable ? (delta > 0 ? "▲ " : "▼ ") : "") + delta.ToString("+0.0;-0.0;±0.0", CultureInfo.InvariantCulture)
        : "";

    public static string Markup(ScoreChange change)
    {
        var text = Spectre.Console.Markup.Escape(Plain(change));
        if (text.Length == 0)
        {
            return "";
        }
        return change.IsNotable ? $"[bold {(change.Delta > 0 ? "green" : "red")}]{text}[/]" : $"[grey]{text}[/]";
    }
}
