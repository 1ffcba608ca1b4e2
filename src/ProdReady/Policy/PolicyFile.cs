using ProdReady.Model;

namespace ProdReady.Policy;

/// <summary>
/// A repository's prodready.yml, loaded: who owns the service, what the gate demands, and the team's own
/// declarations about single controls (not applicable, waived, attested). Documented in docs/configuration.md.
/// </summary>
public sealed record PolicyFile
{
    public const string FileName = "prodready.yml";

    /// <summary>No prodready.yml: the standard tier's defaults and no declarations.</summary>
    public static readonly PolicyFile Default = new() { Source = "(defaults)" };

    /// <summary>The file it came from, for messages ("prodready.yml").</summary>
    public required string Source { get; init; }

    public ServiceInfo Service { get; init; } = new();

    public PolicyRules Rules { get; init; } = new();

    /// <summary>Weight overrides per priority; the others keep their default.</summary>
    public IReadOnlyDictionary<Priority, double> Weights { get; init; } = new Dictionary<Priority, double>();

    /// <summary>Extra rule folders, relative to the repository root, loaded after the built-in catalog.</summary>
    public IReadOnlyList<string> RuleFolders { get; init; } = [];

    /// <summary>Paths the scan skips, in .gitignore syntax, relative to the repository root.</summary>
    public IReadOnlyList<string> Ignore { get; init; } = [];

    public IReadOnlyList<ControlDeclaration> Controls { get; init; } = [];
}

/// <summary>What the gate demands beyond the tier's defaults; null means "the tier decides".</summary>
public sealed record PolicyRules
{
    public ReadinessLevel? Level { get; init; }
    public double? MinScore { get; init; }
    public IReadOnlyDictionary<string, double> CategoryMinimums { get; init; } = new Dictionary<string, double>();
    public IReadOnlyList<Priority>? MustPass { get; init; }
}

/// <summary>What the team declares about one control in prodready.yml.</summary>
public abstract record ControlDeclaration(string ControlId, SourceLocation Origin);

/// <summary>The control does not apply to this service, for the reason given.</summary>
public sealed record NotApplicableDeclaration(string ControlId, SourceLocation Origin, string Reason) : ControlDeclaration(ControlId, Origin);

/// <summary>A known gap, accepted until a date: counts as passing until then, fails after.</summary>
public sealed record Waiver(string ControlId, SourceLocation Origin, string Reason, string Owner, DateOnly Until) : ControlDeclaration(ControlId, Origin);

/// <summary>A person's statement about a control the scan cannot see (a restore drill, a pen test), valid until it expires.</summary>
public sealed record Attestation(string ControlId, SourceLocation Origin, ResultStatus Status, string By, DateOnly Date, string Evidence, DateOnly Expires)
    : ControlDeclaration(ControlId, Origin)
{
    public const int DefaultValidityDays = 180;
}
