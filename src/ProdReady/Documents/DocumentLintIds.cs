namespace ProdReady.Documents;

/// <summary>Every finding id `doc lint` and `doc check` can report, with what it means (for SARIF rules and docs).</summary>
public static class DocumentLintIds
{
    public static readonly IReadOnlyDictionary<string, string> Descriptions = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["doc.count-mismatch"] = "A summary count differs from the items marked that way.",
        ["doc.count-sum"] = "The stated counts (or a score table's rows) do not add up to the stated total.",
        ["doc.percentage"] = "A percentage does not follow from its counts.",
        ["doc.score-table-row"] = "A score-table row differs from the items of the section it names; the row is recomputed.",
        ["doc.overall-score"] = "An overall score that no table mean, weighted mean or item share yields.",
        ["doc.arithmetic"] = "Numbers in prose that disagree with each other.",
        ["doc.ready-with-open-critical"] = "The document claims production readiness while P0/CRITICAL items are open.",
        ["doc.done-with-open-children"] = "A milestone, phase or item is marked done while its tasks or acceptance criteria are not.",
        ["doc.reference-contradicts"] = "A checklist, plan, risk or next-step line disagrees with the item it names by id or by title.",
        ["doc.past-target"] = "An open item is past its target date.",
        ["doc.stale"] = "The document was last updated longer ago than allowed.",
        ["doc.undated"] = "The document does not say when it was last updated.",
        ["doc.duplicate-id"] = "Two items share an id.",
        ["doc.broken-citation"] = "A cited path does not exist in the repository.",
        ["doc.claimed-without-evidence"] = "An item is marked done but the control it names fails.",
        ["doc.evidence-but-open"] = "An item is marked open but the control it names passes.",
        ["doc.not-verifiable"] = "No control covers the item; only a person can confirm it.",
    };
}
