using ProdReady.Model;

namespace ProdReady.Catalog.Detectors;

/// <summary>
/// A node of a control's detector tree, as loaded from YAML. Leaves say what to look for; combinators compose
/// them. Evaluation lives in Scanning: the tree itself is plain data.
/// </summary>
public abstract record Detector
{
    public required SourceLocation Origin { get; init; }

    /// <summary>Children for combinators; empty for leaves.</summary>
    public virtual IReadOnlyList<Detector> Children => [];

    /// <summary>This node and every node below it, depth first.</summary>
    public IEnumerable<Detector> DescendantsAndSelf()
    {
        yield return this;
        foreach (var child in Children)
        {
            foreach (var node in child.DescendantsAndSelf())
            {
                yield return node;
            }
        }
    }
}

/// <summary>Pass if every child passes, fail if every child fails, partial otherwise.</summary>
public sealed record AllDetector(IReadOnlyList<Detector> Of) : Detector
{
    public override IReadOnlyList<Detector> Children => Of;
}

/// <summary>The best child result.</summary>
public sealed record AnyDetector(IReadOnlyList<Detector> Of) : Detector
{
    public override IReadOnlyList<Detector> Children => Of;
}

/// <summary>Inverts pass and fail; the child's evidence is kept, pointing the other way.</summary>
public sealed record NotDetector(Detector Inner) : Detector
{
    public override IReadOnlyList<Detector> Children => [Inner];
}

/// <summary>Pass when at least <see cref="PassAt"/> children pass, partial from <see cref="PartialAt"/> (a partial child counts half).</summary>
public sealed record CountDetector(IReadOnlyList<Detector> Of, int PassAt, int PartialAt) : Detector
{
    public override IReadOnlyList<Detector> Children => Of;
}
