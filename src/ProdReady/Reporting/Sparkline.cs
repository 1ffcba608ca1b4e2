namespace ProdReady.Reporting;

/// <summary>A row of block characters, one per score on a 0–100 scale, so a trend reads at a glance in any terminal.</summary>
public static class Sparkline
{
    private const string Bars = "▁▂▃▄▅▆▇█";

    /// <summary>One bar per value; a scan without a value for this score shows as '·'.</summary>
    public static string Of(IEnumerable<double?> values) =>
        string.Concat(values.Select(value => value is double score ? Bars[Math.Clamp((int)Math.Round(score / 100 * (Bars.Length - 1)), 0, Bars.Length - 1)] : '·'));
}
