using ProdReady.Model;

namespace ProdReady.Catalog.Detectors;

/// <summary>A node of a control's detector tree, as loaded from YAML. Evaluation lives in Scanning.</summary>
public abstract record Detector
{
    public required SourceLocation Origin { get; init; }
}
