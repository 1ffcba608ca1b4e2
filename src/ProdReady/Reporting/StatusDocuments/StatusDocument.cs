using ProdReady.Documents;
using ProdReady.Model;

namespace ProdReady.Reporting.StatusDocuments;

/// <summary>How to render a status document: the date it carries and where its links start.</summary>
public sealed record StatusDocumentOptions
{
    /// <summary>The "Last updated" date; an update keeps the old one when nothing else changed.</summary>
    public required DateOnly Date { get; init; }

    /// <summary>
    /// The path from the document's folder to the scanned folder, with '/' and a trailing '/' ("" when the document
    /// sits in the scanned folder, "../" one level below it); evidence links are this plus the repository path.
    /// </summary>
    public string LinkBase { get; init; } = "";
}

/// <summary>One generated part of the document, kept between its markers; <see cref="Body"/> ends with a line break.</summary>
public sealed record GeneratedSection(string Name, string Body);

/// <summary>
/// The living readiness document (`prodready report --format markdown`): the seeds' kind of status page, computed
/// from a <see cref="ReadinessView"/>. Every item carries a status mark `doc lint` and `doc import` read back, so the
/// document never contradicts itself. Its parts are <see cref="GeneratedSection"/>s that an update replaces between
/// their markers, leaving what people wrote around them alone.
/// </summary>
public static partial class StatusDocument
{
    public const string Header = "header";
    public const string Summary = "summary";
    public const string Items = "items";
    public const string Declarations = "declarations";
    public const string NextSteps = "next-steps";
    public const string Risks = "risks";
    public const string Change = "change";

    /// <summary>The generated sections in the order they must appear.</summary>
    public static readonly IReadOnlyList<string> SectionNames = [Header, Summary, Items, Declarations, NextSteps, Risks, Change];

    /// <summary>
    /// The mark of each status, as `doc lint` and `doc import` read it: pass ✅ done, partial ⏳ partial, fail ❌ open,
    /// not applicable ⚪, waived 🟡 partial (accepted until a date, but the work is not done), unknown ⬜ open (not
    /// assessed: a person must confirm it).
    /// </summary>
    public static string Mark(ResultStatus status) => status switch
    {
        ResultStatus.Pass => "✅",
        ResultStatus.Partial => "⏳",
        ResultStatus.Fail => "❌",
        ResultStatus.NotApplicable => "⚪",
        ResultStatus.Waived => "🟡",
        _ => "⬜",
    };

    /// <summary>What `doc import` gives back for an item of this status (see <see cref="Mark"/>).</summary>
    public static ItemStatus ImportedStatus(ResultStatus status) => status switch
    {
        ResultStatus.Pass => ItemStatus.Done,
        ResultStatus.Partial or ResultStatus.Waived => ItemStatus.Partial,
        ResultStatus.NotApplicable => ItemStatus.NotApplicable,
        _ => ItemStatus.Open,
    };

    /// <summary>"" when the document is in the scanned folder, else the relative way there with a trailing '/'.</summary>
    public static string LinkBase(string documentPath, string scannedFolder)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(documentPath))!;
        var relative = Path.GetRelativePath(folder, Path.GetFullPath(scannedFolder)).Replace('\\', '/');
        return relative == "." ? "" : relative.TrimEnd('/') + "/";
    }

    /// <summary>The generated sections, in <see cref="SectionNames"/> order.</summary>
    public static IReadOnlyList<GeneratedSection> Sections(ReadinessView view, StatusDocumentOptions options) =>
    [
        new(Header, HeaderSection(view.Assessment, view.ServiceName, options)),
        new(Summary, SummarySection(view.Assessment)),
        new(Items, ItemsSection(view.Assessment, options)),
        new(Declarations, DeclarationsSection(view, options)),
        new(NextSteps, NextStepsSection(view, options)),
        new(Risks, RisksSection(view)),
        new(Change, ChangeSection(view)),
    ];

    /// <summary>A new document: every section between its markers, separated by blank lines, with '\n' line breaks.</summary>
    public static string Render(ReadinessView view, StatusDocumentOptions options) =>
        StatusMarkers.Document(Sections(view, options), "\n");
}
