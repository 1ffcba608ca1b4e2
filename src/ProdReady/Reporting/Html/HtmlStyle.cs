using System.Text;

namespace ProdReady.Reporting.Html;

/// <summary>
/// The page's one stylesheet. Colours are custom properties with a light and a dark value, chosen for WCAG AA
/// contrast (4.5:1 for text, 3:1 for chart fills); a test recomputes the ratios from the rendered CSS.
/// </summary>
internal static class HtmlStyle
{
    /// <summary>Names are the custom properties without "--"; status names are the status ids, so CSS can use them as classes.</summary>
    private static readonly (string Name, string Light, string Dark)[] Palette =
    [
        ("bg", "#ffffff", "#0d1117"),
        ("surface", "#f5f7f9", "#161b22"),
        ("fg", "#1b1f24", "#e6edf3"),
        ("muted", "#59636e", "#9ea7b3"),
        ("border", "#d0d7de", "#30363d"),
        ("link", "#0a58ca", "#58a6ff"),
        ("accent", "#0969da", "#4493f8"),
        ("focus", "#0969da", "#58a6ff"),
        ("up", "#116329", "#3fb950"),
        ("down", "#a40e26", "#ff7b72"),
        ("pass", "#1a7f37", "#3fb950"),
        ("partial", "#9a6700", "#d29922"),
        ("fail", "#cf222e", "#f85149"),
        ("not-applicable", "#6e7781", "#8b949e"),
        ("unknown", "#424a53", "#b1bac4"),
        ("waived", "#8250df", "#a371f7"),
        ("pass-bg", "#dafbe1", "#12361f"),
        ("partial-bg", "#fff8c5", "#3b2e05"),
        ("fail-bg", "#ffebe9", "#4a1416"),
        ("not-applicable-bg", "#eaeef2", "#262c33"),
        ("unknown-bg", "#e4e8ec", "#30363d"),
        ("waived-bg", "#fbefff", "#2d1c4f"),
    ];

    private static readonly string[] Statuses = ["pass", "partial", "fail", "not-applicable", "unknown", "waived"];

    public static string Css { get; } = Build();

    private static string Build()
    {
        var css = new StringBuilder();
        css.Append(":root {\n  color-scheme: light dark;\n").Append(Variables(light: true)).Append("}\n");
        css.Append("@media (prefers-color-scheme: dark) {\n  :root {\n").Append(Variables(light: false)).Append("  }\n}\n");
        css.Append(Layout);
        foreach (var status in Statuses)
        {
            css.Append($".badge.{status} {{ background: var(--{status}-bg); border-color: var(--{status}); }}\n");
            css.Append($"svg .segment.{status}, .swatch.{status} {{ fill: var(--{status}); background: var(--{status}); }}\n");
        }
        // Paper is white: print uses the light colours whatever the screen's preference.
        css.Append("@media print {\n  :root {\n    color-scheme: light;\n").Append(Variables(light: true)).Append("  }\n").Append(Print).Append("}\n");
        return css.ToString();
    }

    private static string Variables(bool light) =>
        string.Concat(Palette.Select(colour => $"    --{colour.Name}: {(light ? colour.Light : colour.Dark)};\n"));

    private const string Layout = """
        * { box-sizing: border-box; }
        body { margin: 0 auto; max-width: 76rem; padding: 1.5rem; background: var(--bg); color: var(--fg); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; overflow-wrap: anywhere; }
        a { color: var(--link); }
        h1 { font-size: 1.6rem; margin: 0 0 0.25rem; }
        h2 { font-size: 1.25rem; margin: 2rem 0 0.5rem; padding-bottom: 0.25rem; border-bottom: 1px solid var(--border); }
        h3 { font-size: 1rem; margin: 0 0 0.5rem; }
        .muted, .meta { color: var(--muted); }
        .meta { margin: 0; }
        .headline { font-size: 1.15rem; margin: 0.75rem 0 0.25rem; }
        .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(24rem, 1fr)); gap: 1rem; }
        .chart { margin: 0; padding: 0.75rem; background: var(--surface); border: 1px solid var(--border); border-radius: 6px; }
        .chart svg { display: block; width: 100%; height: auto; }
        .chart p { margin: 0.5rem 0 0; }
        svg text { fill: var(--fg); font-size: 12px; }
        svg .axis { stroke: var(--border); }
        svg .bar, svg .point { fill: var(--accent); }
        svg .line { fill: none; stroke: var(--accent); stroke-width: 2; }
        .legend { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; margin: 0.5rem 0 0; padding: 0; list-style: none; }
        .swatch { display: inline-block; width: 0.8em; height: 0.8em; margin-right: 0.3em; border-radius: 2px; vertical-align: -0.05em; }
        table { width: 100%; border-collapse: collapse; }
        caption { padding: 0.25rem 0; font-weight: 600; text-align: left; }
        th, td { padding: 0.35rem 0.5rem; border-bottom: 1px solid var(--border); text-align: left; vertical-align: top; overflow-wrap: anywhere; }
        th { white-space: nowrap; }
        #controls td:nth-child(3), #controls td:nth-child(4), #controls td:nth-child(5) { white-space: nowrap; }
        #controls td:last-child { min-width: 16rem; }
        thead th { background: var(--surface); }
        .badge { display: inline-block; padding: 0 0.4em; border-left: 4px solid; border-radius: 4px; font-size: 0.85em; font-weight: 600; white-space: nowrap; }
        code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.9em; }
        pre { margin: 0.25rem 0; padding: 0.4rem 0.5rem; background: var(--surface); border-radius: 4px; white-space: pre-wrap; overflow-wrap: anywhere; }
        .evidence { margin: 0.25rem 0 0; padding-left: 1.1rem; }
        .steps li { margin-bottom: 0.5rem; }
        .filters { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: end; margin: 0.5rem 0; }
        .filters[hidden] { display: none; }
        .filters label { display: flex; flex-direction: column; font-size: 0.85rem; color: var(--muted); }
        select, input, button { padding: 0.2rem 0.4rem; font: inherit; color: var(--fg); background: var(--bg); border: 1px solid var(--muted); border-radius: 4px; }
        :focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
        .up { color: var(--up); }
        .down { color: var(--down); }
        .notable { font-weight: 700; }

        """;

    private const string Print = """
          body { max-width: none; padding: 0; }
          .filters, .shown { display: none; }
          #controls tbody tr[hidden] { display: table-row; }
          details::details-content { content-visibility: visible; }
          .chart, tr, li { break-inside: avoid; }
          a { color: inherit; }

        """;
}
