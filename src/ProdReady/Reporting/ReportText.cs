using ProdReady.Model;

namespace ProdReady.Reporting;

/// <summary>Small wordings shared by the human-readable renderers, so they say things the same way.</summary>
public static class ReportText
{
    public static string Percent(double? value) => value is double v ? v.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) : "–";

    public static string StackLine(DetectedStack stack)
    {
        var languages = string.Join(", ", stack.Languages.Select(pair => $"{pair.Key} {pair.Value}"));
        var parts = new List<string>
        {
            $"ecosystems: {Join(stack.Ecosystems)}" + (languages.Length > 0 ? $" ({languages} files)" : ""),
            $"frameworks: {Join(stack.Frameworks)}",
            $"kind: {Join(stack.Kinds)}",
            $"deploy: {Join(stack.DeployTargets)}",
        };
        return string.Join(" · ", parts);
    }

    /// <summary>"live evidence from http://127.0.0.1:8080/ (41 requests) · headers grade B+ (80/100, Observatory-style)".</summary>
    public static string LiveLine(LiveTarget live) =>
        $"live evidence from {live.Url} ({live.RequestsSent} requests{(live.StoppedBecause is { } why ? $"; stopped early: {why}" : "")})"
        + (live.HeadersGrade is { } grade ? $" · headers grade {grade.Grade} ({grade.Score}/100, Observatory-style)" : "");

    /// <summary>Text safe inside one Markdown line or table cell.</summary>
    public static string MarkdownInline(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    /// <summary>One line of at most <paramref name="max"/> characters, with an ellipsis when cut.</summary>
    public static string Shorten(string text, int max)
    {
        var single = string.Join(' ', text.Split((char[])['\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return single.Length <= max ? single : single[..(max - 1)] + "…";
    }

    public static string Join(IEnumerable<string> values)
    {
        var text = string.Join(", ", values);
        return text.Length == 0 ? "none" : text;
    }

    public static string StatusMark(ResultStatus status) => status switch
    {
        ResultStatus.Pass => "PASS",
        ResultStatus.Partial => "PARTIAL",
        ResultStatus.Fail => "FAIL",
        ResultStatus.NotApplicable => "N/A",
        ResultStatus.Waived => "WAIVED",
        _ => "UNKNOWN",
    };

    /// <summary>"security = 100 × (10×1 + 6×0.5) / (10 + 6) = 100 × 13/16 = 81.3": the published formula, with numbers.</summary>
    public static string Arithmetic(Score score)
    {
        if (score.Terms.Count == 0)
        {
            return $"{score.Name}: nothing applicable was assessed";
        }
        var numerator = string.Join(" + ", score.Terms.Select(term => $"{term.Weight:0.##}×{term.Credit:0.#}"));
        var denominator = string.Join(" + ", score.Terms.Select(term => $"{term.Weight:0.##}"));
        return $"{score.Name} = 100 × ({numerator}) / ({denominator}) = 100 × {score.Earned:0.##}/{score.Possible:0.##} = {Percent(score.Value)}";
    }

    public static IEnumerable<ControlResult> Actionable(IEnumerable<ControlResult> results) =>
        results.Where(result => result.Status is ResultStatus.Fail or ResultStatus.Partial);

    /// <summary>
    /// The repository file where to act on a result: the scan's <see cref="ControlResult.FixAt"/>; for a result made
    /// without one, its first evidence in a file, else prodready.yml (only the policy file makes such results).
    /// </summary>
    public static SourceLocation Place(ControlResult result) =>
        result.FixAt
        ?? result.Evidence.Where(e => e.File is not null).Select(e => new SourceLocation(e.File!, e.Line ?? 0)).FirstOrDefault(new SourceLocation(Policy.PolicyFile.FileName, 0));

    /// <summary>
    /// Why a result is what it is, in one line: its reason, saying "partly met" for a partial. A waived result's
    /// reason is prodready.yml's waiver: "waived until 2027-05-31 by alice: ... (scan: ...)".
    /// </summary>
    public static string Why(ControlResult result) =>
        result.Status == ResultStatus.Partial && !result.Reason.StartsWith("partly met", StringComparison.Ordinal) ? "partly met; " + result.Reason : result.Reason;

    /// <summary>The text as one sentence: a final period added unless it already ends a sentence.</summary>
    public static string Sentence(string text)
    {
        var trimmed = text.Trim();
        return trimmed.Length == 0 || trimmed[^1] is '.' or '!' or '?' ? trimmed : trimmed + ".";
    }
}
