using ProdReady.Catalog.Detectors;
using ProdReady.Model;

namespace ProdReady.Catalog;

/// <summary>A framework ProdReady recognises (rules/stack/frameworks.yaml); its kind feeds service-kind detection.</summary>
public sealed record FrameworkDefinition(string Id, string Name, string Ecosystem, string Kind, Detector Detect, IReadOnlyList<RuleExample> Examples, SourceLocation Origin);

/// <summary>A repository feature that controls can require in `applies.features` (rules/stack/features.yaml).</summary>
public sealed record FeatureDefinition(string Id, string Description, bool DeployTarget, Detector Detect, IReadOnlyList<RuleExample> Examples, SourceLocation Origin);
