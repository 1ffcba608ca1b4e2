namespace ProdReady.Probing;

/// <summary>One test of the headers grade: the points it gives and why, e.g. -25 "no Content-Security-Policy".</summary>
public sealed record GradeModifier(string Test, int Points, string Reason)
{
    /// <summary>False when this run cannot judge the test (a plain http target, no request that shows it); then Points is 0.</summary>
    public bool Graded { get; init; } = true;

    /// <summary>Whether the points are in the score: penalties always, bonuses only when the score before them is at least 90.</summary>
    public bool Counted { get; init; }
}

/// <summary>
/// A security-headers grade comparable with Mozilla HTTP Observatory's: 100 to start, a penalty or bonus from each
/// test, bonuses only once the penalised score is 90 or more, and Observatory's A+..F bands. Computed from the
/// answers the run already has (the target's own answer, plus the CORS and http requests other probes sent), so it
/// costs no request. It summarises headers; the probe findings remain the evidence.
/// </summary>
public sealed partial record HeadersGrade(int Score, string Grade, IReadOnlyList<GradeModifier> Modifiers)
{
    /// <summary>Bonuses count only from here up, as in Observatory: extra credit is for sites without real gaps.</summary>
    public const int BonusThreshold = 90;

    private static readonly (int Minimum, string Grade)[] Bands =
        [(100, "A+"), (90, "A"), (85, "A-"), (80, "B+"), (70, "B"), (65, "B-"), (60, "C+"), (50, "C"), (45, "C-"), (40, "D+"), (30, "D"), (25, "D-"), (0, "F")];

    /// <summary>The grade of <paramref name="root"/>'s headers; <paramref name="seen"/> are the run's other exchanges.</summary>
    public static HeadersGrade Of(ProbeExchange root, IEnumerable<ProbeExchange> seen)
    {
        var https = root.Url.Scheme == Uri.UriSchemeHttps;
        var others = seen.ToList();
        GradeModifier[] results =
        [
            ContentSecurityPolicy(root, https),
            Cookies(root, https),
            CrossOriginResourceSharing(root, others),
            Redirection(root, https, others),
            ReferrerPolicy(root),
            StrictTransportSecurity(root, https),
            ContentTypeOptions(root),
            FrameOptions(root),
            CrossOriginResourcePolicy(root),
        ];
        var penalised = Math.Max(0, 100 + results.Where(result => result.Points < 0).Sum(result => result.Points));
        var bonuses = penalised >= BonusThreshold;
        var score = penalised + (bonuses ? results.Where(result => result.Points > 0).Sum(result => result.Points) : 0);
        var modifiers = results
            .Select(result => result with { Counted = result.Points < 0 || (result.Points > 0 && bonuses) })
            // The reasons for the grade lead: penalties, worst first, then bonuses, largest first, then the rest.
            .OrderBy(result => result.Points >= 0).ThenBy(result => result.Points == 0).ThenByDescending(result => Math.Abs(result.Points))
            .ToList();
        return new HeadersGrade(score, Band(score), modifiers);
    }

    public static string Band(int score) => Bands.First(band => score >= band.Minimum).Grade;

    private static GradeModifier NotGraded(string test, string reason) => new(test, 0, reason) { Graded = false };
}
