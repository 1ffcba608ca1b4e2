namespace ProdReady.Server.Store;

public enum IngestOutcome
{
    /// <summary>A new assessment was stored.</summary>
    Stored,

    /// <summary>The same document for the same service and commit was stored before; nothing changed.</summary>
    AlreadyStored,

    /// <summary>The document cannot be stored; <see cref="IngestResult.Problem"/> says why.</summary>
    Invalid,
}

/// <summary>
/// What is wrong with a pushed document. <see cref="Field"/> is the path of the JSON field at fault
/// (<c>service.name</c>, <c>results[3].status</c>), or <c>$</c> for the document as a whole.
/// </summary>
public sealed record IngestProblem(string Field, string Message);

/// <summary>The outcome of an ingest: the stored (or already stored) assessment's id, or the problem.</summary>
public sealed record IngestResult(IngestOutcome Outcome, long? AssessmentId, IngestProblem? Problem)
{
    public static IngestResult Stored(long id) => new(IngestOutcome.Stored, id, null);

    public static IngestResult AlreadyStored(long id) => new(IngestOutcome.AlreadyStored, id, null);

    public static IngestResult Invalid(string field, string message) => new(IngestOutcome.Invalid, null, new IngestProblem(field, message));
}
