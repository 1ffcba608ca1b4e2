using System.Text;
using ProdReady.History;
using ProdReady.Model;
using static ProdReady.Reporting.Html.HtmlText;

namespace ProdReady.Reporting.Html;

/// <summary>
/// The three charts, as inline SVG computed here (no script draws them). Each is an image with a title and a
/// description that states its numbers, for screen readers and for anyone who cannot see the shapes.
/// </summary>
internal static class HtmlCharts
{
    /// <summary>The trend plots at most this many recent scans, so a long history stays readable.</summary>
    public const int MaxTrendPoints = 60;

    private const int Width = 480;

    /// <summary>Statuses in the order the breakdown stacks them.</summary>
    public static readonly ResultStatus[] StatusOrder =
        [ResultStatus.Pass, ResultStatus.Partial, ResultStatus.Fail, ResultStatus.NotApplicable, ResultStatus.Unknown, ResultStatus.Waived];

    public static string StatusLabel(ResultStatus status) => status == ResultStatus.NotApplicable ? "n/a" : status.ToId();

    /// <summary>One horizontal bar per assessed category, its length the score out of 100, the value beside it.</summary>
    public static void CategoryScores(StringBuilder html, IReadOnlyList<CategorySnapshot> categories)
    {
        const int row = 26, labelWidth = 110, barSpan = 300;
        var height = categories.Count * row + 8;
        var desc = string.Join("; ", categories.Select(score => $"{score.Name} {(score.Value is null ? "not assessed" : ReportText.Percent(score.Value))}"));
        OpenSvg(html, "chart-categories", height, "Score per category, out of 100", desc + ".");
        for (var i = 0; i < categories.Count; i++)
        {
            var score = categories[i];
            var y = 4 + i * row;
            html.Append($"<text x=\"{labelWidth - 8}\" y=\"{y + 15}\" text-anchor=\"end\">{Escape(score.Name)}</text>");
            if (score.Value is double value)
            {
                var length = Math.Max(1, value / 100 * barSpan);
                html.Append($"<rect class=\"bar\" x=\"{labelWidth}\" y=\"{y + 2}\" width=\"{Number(length)}\" height=\"18\" rx=\"2\" data-category=\"{Escape(score.Name)}\" data-value=\"{ReportText.Percent(value)}\" />");
                html.Append($"<text x=\"{Number(labelWidth + length + 6)}\" y=\"{y + 15}\">{ReportText.Percent(value)}</text>");
            }
            else
            {
                html.Append($"<text class=\"muted\" x=\"{labelWidth}\" y=\"{y + 15}\">not assessed</text>");
            }
        }
        html.Append("</svg>\n");
    }

    /// <summary>
    /// The overall score of each recorded scan, oldest first, as a line through points on a 0-100 axis.
    /// <paramref name="howScansAreAdded"/> (HTML) tells a reader who sees a single point what adds the next one.
    /// </summary>
    public static void Trend(StringBuilder html, IReadOnlyList<ScanSnapshot> trend, string howScansAreAdded = "each <code>prodready scan</code> or <code>prodready report</code> adds one")
    {
        const int height = 200, left = 36, right = 24, top = 12, bottom = 36;
        var shown = trend.TakeLast(MaxTrendPoints).Where(scan => scan.Overall is not null).ToList();
        var desc = shown.Count == 0
            ? "No recorded scan has an overall score."
            : $"Overall score of {Plural(shown.Count, "scan")}, oldest first: " + string.Join("; ", shown.Select(scan => $"{scan.Label} ({Ids.Day(DateOnly.FromDateTime(scan.Time.UtcDateTime))}) {ReportText.Percent(scan.Overall)}")) + ".";
        OpenSvg(html, "chart-trend", height, "Overall score over time, out of 100", desc);
        foreach (var tick in new[] { 0, 50, 100 })
        {
            var y = Y(tick);
            html.Append($"<line class=\"axis\" x1=\"{left}\" y1=\"{Number(y)}\" x2=\"{Width - right}\" y2=\"{Number(y)}\" />");
            html.Append($"<text x=\"{left - 6}\" y=\"{Number(y + 4)}\" text-anchor=\"end\">{tick}</text>");
        }
        var points = shown.Select((scan, i) => (scan, x: X(i), y: Y(scan.Overall!.Value))).ToList();
        if (points.Count > 1)
        {
            html.Append($"<polyline class=\"line\" points=\"{string.Join(' ', points.Select(p => $"{Number(p.x)},{Number(p.y)}"))}\" />");
        }
        foreach (var (scan, x, y) in points)
        {
            html.Append($"<circle class=\"point\" cx=\"{Number(x)}\" cy=\"{Number(y)}\" r=\"4\" data-value=\"{ReportText.Percent(scan.Overall)}\"><title>{Escape(scan.Label)}, {Time(scan.Time)}: {ReportText.Percent(scan.Overall)}</title></circle>");
        }
        if (points.Count > 0)
        {
            html.Append($"<text x=\"{Number(points[0].x)}\" y=\"{height - 10}\" text-anchor=\"{(points.Count == 1 ? "middle" : "start")}\">{Ids.Day(DateOnly.FromDateTime(points[0].scan.Time.UtcDateTime))}</text>");
        }
        if (points.Count > 1)
        {
            html.Append($"<text x=\"{Number(points[^1].x)}\" y=\"{height - 10}\" text-anchor=\"end\">{Ids.Day(DateOnly.FromDateTime(points[^1].scan.Time.UtcDateTime))}</text>");
        }
        html.Append("</svg>\n");
        if (shown.Count == 1)
        {
            html.Append($"<p>Only one scan is recorded so far, so the trend is a single point; {howScansAreAdded}.</p>\n");
        }
        else if (trend.Count > shown.Count)
        {
            html.Append($"<p class=\"muted\">{Plural(shown.Count, "scan")} with a score shown, of {trend.Count} recorded.</p>\n");
        }

        static double Y(double value) => top + (100 - value) / 100 * (height - top - bottom);
        double X(int i) => shown.Count == 1 ? (left + Width - right) / 2.0 : left + 8 + i * (Width - left - right - 16) / (double)(shown.Count - 1);
    }

    /// <summary>Every control's status as one stacked bar, with a legend that gives the counts as text.</summary>
    public static void StatusBreakdown(StringBuilder html, IReadOnlyList<ControlResult> results)
    {
        const int height = 44, left = 8, span = Width - 16;
        var counts = StatusOrder.Select(status => (status, count: results.Count(result => result.Status == status))).ToList();
        var desc = $"{Plural(results.Count, "control")}: " + string.Join(", ", counts.Select(c => $"{StatusLabel(c.status)} {c.count}")) + ".";
        OpenSvg(html, "chart-statuses", height, "Controls by status", desc);
        var x = (double)left;
        foreach (var (status, count) in counts.Where(c => c.count > 0))
        {
            var width = (double)count / results.Count * span;
            html.Append($"<rect class=\"segment {status.ToId()}\" x=\"{Number(x)}\" y=\"8\" width=\"{Number(width)}\" height=\"28\" data-status=\"{status.ToId()}\" data-count=\"{count}\"><title>{StatusLabel(status)}: {count}</title></rect>");
            x += width;
        }
        html.Append("</svg>\n<ul class=\"legend\">");
        foreach (var (status, count) in counts)
        {
            html.Append($"<li><span class=\"swatch {status.ToId()}\"></span>{StatusLabel(status)} {count}</li>");
        }
        html.Append("</ul>\n");
    }

    private static void OpenSvg(StringBuilder html, string id, int height, string title, string desc) =>
        html.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"{id}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" viewBox=\"0 0 {Width} {height}\" width=\"{Width}\" height=\"{height}\">")
            .Append($"<title id=\"{id}-title\">{Escape(title)}</title><desc id=\"{id}-desc\">{Escape(desc)}</desc>");

    public static string Plural(int count, string noun) => $"{count} {noun}{(count == 1 ? "" : "s")}";
}
