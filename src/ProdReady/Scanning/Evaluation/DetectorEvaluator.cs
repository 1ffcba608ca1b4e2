using ProdReady.Catalog.Detectors;
using ProdReady.Model;
using ProdReady.Scanning.Dockerfiles;
using ProdReady.Scanning.Manifests;

namespace ProdReady.Scanning.Evaluation;

/// <summary>
/// Evaluates detector trees against the collected facts. Pure: no file system, no output formatting.
/// Leaves about an ecosystem outside <paramref name="ecosystems"/> (default: every ecosystem present) are skipped.
/// </summary>
public sealed class DetectorEvaluator(FactBase facts, IReadOnlySet<string>? ecosystems = null)
{
    /// <summary>What the scan collected, for finding where a fix belongs.</summary>
    internal FactBase Facts => facts;

    /// <summary>The ecosystems whose leaves count.</summary>
    public IReadOnlySet<string> Ecosystems { get; } = ecosystems ?? facts.Ecosystems;

    /// <summary>The same facts, with leaves of other ecosystems skipped.</summary>
    public DetectorEvaluator Within(IReadOnlySet<string> scope) => new(facts, scope);

    /// <summary>Evidence items kept per leaf; enough to act on, few enough to read.</summary>
    public const int EvidencePerLeaf = 5;

    public Outcome Evaluate(Detector detector) => detector switch
    {
        AllDetector all => Combine(all.Of, ResolveAll),
        AnyDetector any => Combine(any.Of, ResolveAny),
        NotDetector not => Invert(Evaluate(not.Inner)),
        CountDetector count => Combine(count.Of, children => ResolveCount(children, count)),
        FileDetector file => Files(file),
        DependencyDetector dependency => Dependencies(dependency),
        ContentDetector content => Content(content),
        QueryDetector query => Query(query),
        DockerfileDetector dockerfile => Dockerfiles(dockerfile),
        _ => throw new InvalidOperationException($"no evaluation for {detector.GetType().Name}"),
    };

    private Outcome Combine(IReadOnlyList<Detector> children, Func<List<Outcome>, Outcome> resolve)
    {
        var outcomes = children.Select(Evaluate).ToList();
        var relevant = outcomes.Where(outcome => outcome.Status != OutcomeStatus.Skipped).ToList();
        if (relevant.Count == 0)
        {
            return new Outcome(OutcomeStatus.Skipped, [], [.. outcomes.SelectMany(o => o.LookedFor)]);
        }
        return resolve(relevant);
    }

    private static Outcome ResolveAll(List<Outcome> children)
    {
        var status = children.All(c => c.Status == OutcomeStatus.Pass) ? OutcomeStatus.Pass
            : children.All(c => c.Status == OutcomeStatus.Fail) ? OutcomeStatus.Fail
            : OutcomeStatus.Partial;
        return Explained(status, children, WorstFirst(children), [.. children.SelectMany(c => c.Evidence)], [.. children.SelectMany(c => c.LookedFor)]);
    }

    private static Outcome ResolveAny(List<Outcome> children)
    {
        var best = children.Min(c => c.Status);
        var evidence = best == OutcomeStatus.Fail
            ? children.SelectMany(c => c.Evidence)
            : children.Where(c => c.Status == best).SelectMany(c => c.Evidence);
        return Explained(best, children, children.First(c => c.Status == best), [.. evidence], [.. children.SelectMany(c => c.LookedFor)]);
    }

    private static Outcome ResolveCount(List<Outcome> children, CountDetector count)
    {
        var credit = children.Sum(c => c.Status switch { OutcomeStatus.Pass => 1.0, OutcomeStatus.Partial => 0.5, _ => 0.0 });
        var status = credit >= count.PassAt ? OutcomeStatus.Pass : credit >= count.PartialAt ? OutcomeStatus.Partial : OutcomeStatus.Fail;
        var lookedFor = $"at least {count.PassAt} of: " + string.Join("; ", children.SelectMany(c => c.LookedFor));
        return Explained(status, children, WorstFirst(children), [.. children.SelectMany(c => c.Evidence)], [lookedFor]);
    }

    /// <summary>
    /// A combinator's outcome, explained by its children: a pass by the first supporting evidence of a passing
    /// child; anything else by the <paramref name="explaining"/> child alone, whose lead and missing items come first.
    /// </summary>
    private static Outcome Explained(OutcomeStatus status, List<Outcome> children, Outcome explaining, IReadOnlyList<Evidence> evidence, IReadOnlyList<string> lookedFor)
    {
        if (status == OutcomeStatus.Pass)
        {
            return new Outcome(status, evidence, lookedFor)
            {
                Missing = [],
                Lead = children.Where(c => c.Status == OutcomeStatus.Pass).Select(c => c.Lead).FirstOrDefault(lead => lead is not null),
            };
        }
        return new Outcome(status, evidence, lookedFor)
        {
            Missing = [.. explaining.Missing, .. children.Where(c => c != explaining).SelectMany(c => c.Missing)],
            Lead = explaining.Lead,
        };
    }

    /// <summary>
    /// What keeps an `all` or a `count` from passing: its first failing child, else its first partial one. (A
    /// failing `any` is explained by its first alternative: the order in the rule is the order of preference, and
    /// evidence a later alternative produced, such as the condition an inverted branch found, is not the problem.)
    /// </summary>
    private static Outcome WorstFirst(List<Outcome> children) =>
        children.FirstOrDefault(c => c.Status == OutcomeStatus.Fail) ?? children.FirstOrDefault(c => c.Status == OutcomeStatus.Partial) ?? children[0];

    private static Outcome Invert(Outcome inner)
    {
        if (inner.Status == OutcomeStatus.Skipped)
        {
            return inner;
        }
        var status = inner.Status switch { OutcomeStatus.Pass => OutcomeStatus.Fail, OutcomeStatus.Fail => OutcomeStatus.Pass, _ => OutcomeStatus.Partial };
        var lookedFor = inner.LookedFor.Select(text => "absence of " + text).ToArray();
        return new Outcome(status, [.. inner.Evidence.Select(Flip)], lookedFor)
        {
            Missing = status == OutcomeStatus.Pass ? [] : lookedFor,
            Lead = inner.Lead is { } lead ? Flip(lead) : null,
        };
    }

    private static Evidence Flip(Evidence evidence) => evidence with { Supports = !evidence.Supports };

    // Most file globs name a file at any depth ("**/Dockerfile"): those are matched against the distinct names.
    private readonly Lazy<ILookup<string, string>> _filesByName = new(() => facts.Files.ToLookup(file => NameOf(file.Path), file => file.Path, StringComparer.Ordinal));
    private readonly Lazy<ILookup<string, string>> _directoriesByName = new(() => facts.Directories.ToLookup(NameOf, StringComparer.Ordinal));

    private static string NameOf(string path) => path[(path.LastIndexOf('/') + 1)..];

    private static IEnumerable<string> Candidates(IEnumerable<string> all, Lazy<ILookup<string, string>> byName, FileDetector detector) =>
        detector.Globs.All(glob => glob.MatchesNamesOnly)
            ? byName.Value.Where(group => detector.Globs.Any(glob => glob.IsMatch(group.Key))).SelectMany(group => group)
            : all;

    private Outcome Files(FileDetector detector)
    {
        var candidates = detector.Type switch
        {
            EntryType.File => Candidates(facts.Files.Select(file => file.Path), _filesByName, detector),
            EntryType.Directory => Candidates(facts.Directories, _directoriesByName, detector),
            _ => Candidates(facts.Files.Select(file => file.Path), _filesByName, detector).Concat(Candidates(facts.Directories, _directoriesByName, detector)),
        };
        var matches = candidates
            .Where(path => detector.Globs.Any(glob => glob.IsMatch(path)) && !detector.Exclude.Any(glob => glob.IsMatch(path)))
            .Order(StringComparer.Ordinal).Take(EvidencePerLeaf).ToList();
        var what = detector.Type switch { EntryType.File => "a file", EntryType.Directory => "a folder", _ => "a file or folder" };
        var lookedFor = $"{what} matching {string.Join(" or ", detector.Globs.Select(glob => glob.Pattern))}";
        var evidence = matches.Select(path => new Evidence
        {
            Source = EvidenceSource.Static,
            Detector = "file",
            Supports = true,
            File = path,
            Message = $"{path} exists",
        });
        return new Outcome(matches.Count > 0 ? OutcomeStatus.Pass : OutcomeStatus.Fail, [.. evidence], [lookedFor]);
    }

    private Outcome Dependencies(DependencyDetector detector)
    {
        var lookedFor = $"{detector.Ecosystem} dependency {string.Join(" or ", detector.Names)}{(detector.IncludeDevelopment ? " (development dependencies count)" : "")}";
        if (!Ecosystems.Contains(detector.Ecosystem))
        {
            return Outcome.Skipped(lookedFor);
        }
        var matchers = detector.Names.Select(name => new DependencyMatcher(detector.Ecosystem, name)).ToArray();
        var found = facts.Dependencies
            .Where(dependency => dependency.Ecosystem == detector.Ecosystem && (detector.IncludeDevelopment || !dependency.Development))
            .Where(dependency => matchers.Any(matcher => matcher.IsMatch(dependency.Name)))
            .Take(EvidencePerLeaf)
            .ToList();
        if (found.Count > 0)
        {
            return new Outcome(OutcomeStatus.Pass, [.. found.Select(dependency => new Evidence
            {
                Source = EvidenceSource.Static,
                Detector = "dependency",
                Supports = true,
                File = dependency.File,
                Line = dependency.Line,
                Message = $"declares {dependency.Name}{(dependency.Version is { Length: > 0 } version ? " " + version : "")}{(dependency.Development ? " (development)" : "")}",
            })], [lookedFor]);
        }
        // Point at the manifests: that is where the fix goes.
        var manifests = facts.Manifests.GetValueOrDefault(detector.Ecosystem, []).Take(3);
        return new Outcome(OutcomeStatus.Fail, [.. manifests.Select(manifest => new Evidence
        {
            Source = EvidenceSource.Static,
            Detector = "dependency",
            Supports = false,
            File = manifest,
            Message = $"declares none of {string.Join(", ", detector.Names)}",
        })], [lookedFor]);
    }

    private Outcome Content(ContentDetector detector)
    {
        var scope = string.Join(", ", detector.Languages.Concat(detector.Files.Select(glob => glob.Pattern)));
        var found = facts.Content.GetValueOrDefault(detector, ContentFacts.None);
        var searched = found.FilesSearched;
        var lookedFor = $"code matching /{detector.Pattern}/ in {scope} ({searched} file{(searched == 1 ? "" : "s")} searched)";
        if (detector.Ecosystems.Count > 0 && !detector.Ecosystems.Any(Ecosystems.Contains))
        {
            return Outcome.Skipped(lookedFor);
        }
        if (found.FilesMatched == 0 && found.FilesTimedOut > 0)
        {
            return Outcome.Skipped($"{lookedFor}; the pattern timed out in {found.FilesTimedOut} file{(found.FilesTimedOut == 1 ? "" : "s")}, so absence is not known");
        }
        return new Outcome(found.FilesMatched > 0 ? OutcomeStatus.Pass : OutcomeStatus.Fail, [.. found.FirstHits.Select(hit => new Evidence
        {
            Source = EvidenceSource.Static,
            Detector = "content",
            Supports = true,
            File = hit.File,
            Line = hit.Line,
            Excerpt = hit.Excerpt,
            Message = $"matches /{Shorten(detector.Pattern.ToString())}/",
        })], [lookedFor]);
    }

    private Outcome Query(QueryDetector detector)
    {
        var lookedFor = QueryText(detector);
        if (!facts.Queries.TryGetValue(detector, out var found) || found.DocumentsSearched.Count == 0)
        {
            return new Outcome(OutcomeStatus.Fail, [], [$"{lookedFor} (no {detector.In} documents found)"]);
        }
        var satisfied = found.Items.Where(item => item.Satisfied).ToList();
        var unsatisfied = found.Items.Where(item => !item.Satisfied).ToList();
        OutcomeStatus status;
        if (detector.Each is not null)
        {
            status = found.Items.Count > 0 && unsatisfied.Count == 0 ? OutcomeStatus.Pass
                : satisfied.Count > 0 ? OutcomeStatus.Partial
                : OutcomeStatus.Fail;
        }
        else if (detector.Predicate.Kind == QueryPredicateKind.Absent)
        {
            status = unsatisfied.Count == 0 ? OutcomeStatus.Pass : OutcomeStatus.Fail;
        }
        else
        {
            status = satisfied.Count > 0 ? OutcomeStatus.Pass : OutcomeStatus.Fail;
        }
        // Without `each` a query asks "is there one?": nodes that are not it are not evidence against anything,
        // except for exists:false, where every node found is the problem.
        var shown = detector.Each is not null ? [.. satisfied.Take(EvidencePerLeaf), .. unsatisfied]
            : detector.Predicate.Kind == QueryPredicateKind.Absent ? unsatisfied
            : satisfied;
        var evidence = shown.Take(2 * EvidencePerLeaf).Select(item => new Evidence
        {
            Source = EvidenceSource.Static,
            Detector = "query",
            Supports = item.Satisfied,
            File = item.File,
            Line = item.Line,
            Excerpt = item.Excerpt,
            Message = item.Satisfied ? $"{detector.Path.Text} {PredicateText(detector.Predicate)}" : $"{detector.Path.Text} is not {PredicateText(detector.Predicate)}",
        });
        return new Outcome(status, [.. evidence], [lookedFor]);
    }

    private Outcome Dockerfiles(DockerfileDetector detector)
    {
        var lookedFor = $"Dockerfile check {detector.Check}";
        if (facts.Dockerfiles.Count == 0)
        {
            return new Outcome(OutcomeStatus.Fail, [], [$"{lookedFor} (no Dockerfile found)"]);
        }
        var results = facts.Dockerfiles.Select(dockerfile => (dockerfile.File, Result: DockerfileChecks.Run(detector.Check, dockerfile.Model))).ToList();
        var passed = results.Count(r => r.Result.Passed);
        var status = passed == results.Count ? OutcomeStatus.Pass : passed > 0 ? OutcomeStatus.Partial : OutcomeStatus.Fail;
        return new Outcome(status, [.. results.Take(2 * EvidencePerLeaf).Select(r => new Evidence
        {
            Source = EvidenceSource.Static,
            Detector = "dockerfile:" + detector.Check,
            Supports = r.Result.Passed,
            File = r.File,
            Line = r.Result.Line > 0 ? r.Result.Line : null,
            Excerpt = r.Result.Excerpt,
            Message = r.Result.Message,
        })], [lookedFor]);
    }

    private static string QueryText(QueryDetector query)
    {
        var each = query.Each is null ? "" : $"every {query.Each.Text} has ";
        return $"{query.In}: {each}{query.Path.Text} {PredicateText(query.Predicate)}";
    }

    private static string PredicateText(QueryPredicate predicate) => predicate.Kind switch
    {
        QueryPredicateKind.Exists => "present",
        QueryPredicateKind.Absent => "absent",
        QueryPredicateKind.EqualsValue => $"= {predicate.Value}",
        QueryPredicateKind.Matches => $"matching /{Shorten(predicate.Value ?? "")}/",
        _ => $"containing {predicate.Value}",
    };

    private static string Shorten(string pattern) => pattern.Length <= 60 ? pattern : pattern[..59] + "…";
}
