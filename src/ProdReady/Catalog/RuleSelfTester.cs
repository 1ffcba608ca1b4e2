using ProdReady.Catalog.Detectors;
using ProdReady.Model;
using ProdReady.Scanning;
using ProdReady.Scanning.Evaluation;

namespace ProdReady.Catalog;

/// <summary>An example whose outcome differed from what the rule promised.</summary>
public sealed record SelfTestFailure(string RuleId, SourceLocation Example, ResultStatus Expected, ResultStatus Actual, string Detail);

/// <summary>
/// Runs every rule's examples through the real scanner: each example is written to a temporary folder,
/// collected and evaluated like a repository (DevSkim-style must-match / must-not-match self-tests).
/// </summary>
public static class RuleSelfTester
{
    public static IReadOnlyList<SelfTestFailure> Run(ControlCatalog catalog)
    {
        var subjects = catalog.Controls
            .Where(control => control.Detect is not null)
            .Select(control => (control.Id, Detect: control.Detect!, control.Examples))
            .Concat(catalog.Frameworks.Select(framework => ("framework " + framework.Id, framework.Detect, framework.Examples)))
            .Concat(catalog.Features.Select(feature => ("feature " + feature.Id, feature.Detect, feature.Examples)));
        return [.. subjects.AsParallel().AsOrdered().SelectMany(subject => Test(subject.Item1, subject.Item2, subject.Item3))];
    }

    public static IEnumerable<SelfTestFailure> Test(string id, Detector detect, IReadOnlyList<RuleExample> examples)
    {
        var failures = new List<SelfTestFailure>();
        foreach (var example in examples)
        {
            var directory = Directory.CreateTempSubdirectory("prodready-example-");
            try
            {
                foreach (var (path, content) in example.Files)
                {
                    var full = Path.Combine(directory.FullName, path);
                    Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                    File.WriteAllText(full, content);
                }
                var (facts, _, _) = Scanner.Collect(directory.FullName, new ScanPlan([detect]), new ScanOptions { Parallelism = 1 });
                var outcome = new DetectorEvaluator(facts).Evaluate(detect);
                var actual = outcome.ToResultStatus();
                if (actual != example.Expect)
                {
                    var detail = outcome.Status == OutcomeStatus.Skipped
                        ? "the example has no files of the ecosystem the detectors are about"
                        : string.Join("; ", outcome.Evidence.Select(e => $"{(e.Supports ? "+" : "-")} {e.Location} {e.Message}").Take(3)
                            .DefaultIfEmpty("looked for " + string.Join("; ", outcome.LookedFor)));
                    failures.Add(new SelfTestFailure(id, example.Origin, example.Expect, actual, detail));
                }
            }
            finally
            {
                directory.Delete(recursive: true);
            }
        }
        return failures;
    }
}
