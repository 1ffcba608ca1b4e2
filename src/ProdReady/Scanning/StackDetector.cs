using ProdReady.Catalog;
using ProdReady.Model;
using ProdReady.Scanning.Evaluation;

namespace ProdReady.Scanning;

/// <summary>Ecosystems from files and manifests; frameworks and features from their (data-defined) detectors.</summary>
public static class StackDetector
{
    /// <param name="declaredKind">The kind prodready.yml declares, which wins over the frameworks' evidence.</param>
    public static DetectedStack Detect(FactBase facts, ControlCatalog catalog, DetectorEvaluator evaluator, string? declaredKind = null)
    {
        var languages = facts.Files
            .Where(file => Languages.IsSource(file.Language))
            .GroupBy(file => file.Language)
            .OrderByDescending(group => group.Count())
            .ThenBy(group => group.Key, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Count());
        var ecosystems = facts.Ecosystems
            .OrderByDescending(ecosystem => languages.Where(pair => Languages.EcosystemOf(pair.Key) == ecosystem).Sum(pair => pair.Value))
            .ThenBy(ecosystem => ecosystem, StringComparer.Ordinal)
            .ToArray();
        var frameworks = catalog.Frameworks.AsParallel().AsOrdered().Where(framework => Detected(evaluator, framework.Detect)).ToArray();
        var features = catalog.Features.AsParallel().AsOrdered().Where(feature => Detected(evaluator, feature.Detect)).ToArray();
        var kinds = ServiceKind.All.Where(kind => frameworks.Any(framework => framework.Kind == kind)).ToList();
        if (declaredKind is not null)
        {
            kinds = [declaredKind];
        }
        else if (kinds.Count == 0)
        {
            kinds.Add(ServiceKind.Library);
        }
        return new DetectedStack
        {
            Ecosystems = ecosystems,
            Languages = languages,
            Frameworks = [.. frameworks.Select(framework => framework.Id)],
            Kinds = kinds,
            Features = [.. features.Select(feature => feature.Id)],
            DeployTargets = [.. features.Where(feature => feature.DeployTarget).Select(feature => feature.Id)],
        };
    }

    private static bool Detected(DetectorEvaluator evaluator, Catalog.Detectors.Detector detector) =>
        evaluator.Evaluate(detector).Status is OutcomeStatus.Pass or OutcomeStatus.Partial;
}
