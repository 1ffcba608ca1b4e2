using ProdReady.Model;

namespace ProdReady.Documents;

/// <summary>
/// The document against the code: cited paths that do not exist, items claimed done whose control fails, items
/// left open whose control passes, and items no control covers (candidates for an attestation).
/// </summary>
public static class DocumentChecker
{
    /// <param name="repositoryPaths">Every file and folder of the repository, relative with '/'.</param>
    public static IReadOnlyList<DocumentFinding> Check(ReadinessDocument document, IReadOnlyList<ControlResult> results, IReadOnlySet<string> repositoryPaths)
    {
        var matcher = new ControlMatcher(results.Select(result => result.Control));
        var byControl = results.ToDictionary(result => result.Control.Id, StringComparer.Ordinal);
        var findings = new List<DocumentFinding>();
        var fileNames = repositoryPaths.Select(path => path[(path.LastIndexOf('/') + 1)..]).ToHashSet(StringComparer.Ordinal);
        foreach (var item in document.AllItems())
        {
            foreach (var cited in item.CitedPaths.Where(path => !Exists(path, repositoryPaths, fileNames)))
            {
                findings.Add(new DocumentFinding("doc.broken-citation", FindingSeverity.Warning, item.Line, $"cites `{cited}`, which is not in the repository"));
            }
            if (item.IsReference)
            {
                continue;
            }
            if (matcher.Match(item.Title) is not { } control)
            {
                findings.Add(new DocumentFinding("doc.not-verifiable", FindingSeverity.Info, item.Line,
                    $"\"{item.Title}\" matches no control; only a person can confirm it (record an attestation)"));
                continue;
            }
            var result = byControl[control.Id];
            var done = item.Status == ItemStatus.Done;
            var open = item.Status is ItemStatus.Open or ItemStatus.Partial;
            if (done && result.Status is ResultStatus.Fail or ResultStatus.Partial)
            {
                findings.Add(new DocumentFinding("doc.claimed-without-evidence", result.Status == ResultStatus.Fail ? FindingSeverity.Error : FindingSeverity.Warning, item.Line,
                    $"\"{item.Title}\" is marked done, but {control.Id} {(result.Status == ResultStatus.Fail ? "fails" : "is only partly met")}: {result.Reason}"));
            }
            else if (open && result.Status == ResultStatus.Pass)
            {
                var evidence = result.Evidence.FirstOrDefault(e => e.Supports && e.File is not null);
                findings.Add(new DocumentFinding("doc.evidence-but-open", FindingSeverity.Info, item.Line,
                    $"\"{item.Title}\" is marked {DocumentLinter.Describe(item.Status)}, but {control.Id} passes{(evidence is null ? "" : $": {evidence.File}{(evidence.Line is { } l ? $":{l}" : "")}")}"));
            }
        }
        return [.. findings.OrderBy(finding => finding.Line).ThenBy(finding => finding.Id, StringComparer.Ordinal)];
    }

    /// <summary>A path with folders must exist as written; a bare file name may be anywhere in the repository.</summary>
    private static bool Exists(string cited, IReadOnlySet<string> paths, HashSet<string> fileNames)
    {
        var path = (cited.StartsWith("./", StringComparison.Ordinal) ? cited[2..] : cited).TrimEnd('/');
        return cited.StartsWith("../", StringComparison.Ordinal) || paths.Contains(path) || (!path.Contains('/') && fileNames.Contains(path));
    }
}
