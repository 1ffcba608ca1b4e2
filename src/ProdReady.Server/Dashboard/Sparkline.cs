using System.Text;
using ProdReady.Reporting;
using static ProdReady.Reporting.Html.HtmlText;

namespace ProdReady.Server.Dashboard;

/// <summary>A service's last overall scores as a tiny inline SVG line on a 0-100 scale, its numbers in its title.</summary>
internal static class Sparkline
{
    private const int Width = 96, Height = 24, Pad = 3;

    public static void Render(StringBuilder html, IReadOnlyList<double?> trend)
    {
        var points = trend.Where(value => value is not null).Select(value => value!.Value).ToList();
        if (points.Count == 0)
        {
            html.Append("<span class=\"muted\">–</span>");
            return;
        }
        var label = $"Last {DashboardHtml.Plural(points.Count, "overall score")}, oldest first: {string.Join(", ", points.Select(value => ReportText.Percent(value)))}";
        html.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"sparkline\" role=\"img\" viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\"><title>{Escape(label)}</title>");
        var coordinates = points.Select((value, i) => $"{Number(X(i, points.Count))},{Number(Y(value))}").ToList();
        if (points.Count > 1)
        {
            html.Append($"<polyline class=\"line\" points=\"{string.Join(' ', coordinates)}\" />");
        }
        var last = coordinates[^1].Split(',');
        html.Append($"<circle class=\"point\" cx=\"{last[0]}\" cy=\"{last[1]}\" r=\"2.5\" /></svg>");

        static double X(int i, int count) => count == 1 ? Width / 2.0 : Pad + i * (Width - 2.0 * Pad) / (count - 1);
        static double Y(double value) => Pad + (100 - value) / 100 * (Height - 2.0 * Pad);
    }
}
