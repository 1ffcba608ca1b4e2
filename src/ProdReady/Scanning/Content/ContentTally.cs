using ProdReady.Scanning.Evaluation;

namespace ProdReady.Scanning.Content;

/// <summary>
/// One worker's counts and first hits per content detector, merged once at the end of the file pass so workers never
/// contend. Only the first hits in path order are kept: that is all the evidence shows, and it bounds memory.
/// </summary>
internal sealed class ContentTally(int detectors)
{
    private const int KeptHits = DetectorEvaluator.EvidencePerLeaf;

    private readonly List<ContentHit>?[] _hits = new List<ContentHit>?[detectors];

    public int[] Searched { get; } = new int[detectors];

    public int[] Matched { get; } = new int[detectors];

    /// <summary>Files where a pattern hit its match timeout: not searched for it, and reported.</summary>
    public List<(int Detector, string File)> TimeOuts { get; } = [];

    public void TimedOut(int detector, string file) => TimeOuts.Add((detector, file));

    /// <summary>Whether a hit in this file would be among the kept ones; asked before the excerpt is built.</summary>
    public bool Wants(int detector, string file) =>
        _hits[detector] is not { Count: KeptHits } kept || string.CompareOrdinal(file, kept[^1].File) < 0;

    public void Keep(int detector, ContentHit hit)
    {
        var kept = _hits[detector] ??= new List<ContentHit>(KeptHits + 1);
        var at = kept.FindIndex(other => string.CompareOrdinal(hit.File, other.File) < 0);
        kept.Insert(at < 0 ? kept.Count : at, hit);
        if (kept.Count > KeptHits)
        {
            kept.RemoveAt(KeptHits);
        }
    }

    public void Add(ContentTally other)
    {
        TimeOuts.AddRange(other.TimeOuts);
        for (var i = 0; i < Searched.Length; i++)
        {
            Searched[i] += other.Searched[i];
            Matched[i] += other.Matched[i];
            foreach (var hit in other._hits[i] ?? [])
            {
                if (Wants(i, hit.File))
                {
                    Keep(i, hit);
                }
            }
        }
    }

    public ContentFacts FactsOf(int detector) =>
        new(Searched[detector], Matched[detector], _hits[detector] ?? [], TimeOuts.Count(timeOut => timeOut.Detector == detector));
}
