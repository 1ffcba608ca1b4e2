using System.Text.RegularExpressions;
using ProdReady.Catalog.Detectors;
using ProdReady.Model;
using ProdReady.Scanning;
using ProdReady.Scanning.Dockerfiles;
using ProdReady.Scanning.Paths;
using ProdReady.Scanning.Structured;
using YamlDotNet.RepresentationModel;

namespace ProdReady.Catalog;

/// <summary>Turns a `detect:` YAML tree into a <see cref="Detector"/> tree, reporting mistakes with their line.</summary>
internal sealed class DetectorParser(YamlReader yaml)
{
    /// <summary>Document kinds a query can name in `in:`; anything else must be a glob.</summary>
    private static readonly string[] Kinds = ["all", "any", "not", "count", "file", "dependency", "content", "query", "dockerfile"];

    // An alias can put a detector inside itself, or reuse one so often that the tree grows exponentially.
    private const int MaxNesting = 32;
    private const int MaxDetectors = 20_000;

    private int _nesting;
    private int _parsed;
    private bool _overLimit;

    public Detector? Parse(YamlNode node)
    {
        if (_overLimit)
        {
            return null; // reported once
        }
        if (_nesting >= MaxNesting || _parsed >= MaxDetectors)
        {
            yaml.Error(node, _nesting >= MaxNesting
                ? $"detectors nest deeper than {MaxNesting} levels (an alias inside its own anchor?)"
                : $"over {MaxDetectors:N0} detectors in one file (aliases expanding?)");
            _overLimit = true;
            return null;
        }
        _nesting++;
        _parsed++;
        try
        {
            return ParseOne(node);
        }
        finally
        {
            _nesting--;
        }
    }

    private Detector? ParseOne(YamlNode node)
    {
        var mapping = yaml.Mapping(node, "a detector");
        if (mapping is null)
        {
            return null;
        }
        if (mapping.Children.Count != 1)
        {
            yaml.Error(mapping, $"a detector has exactly one key, one of: {string.Join(", ", Kinds)}");
            return null;
        }
        var (keyNode, body) = mapping.Children.Single();
        var key = (keyNode as YamlScalarNode)?.Value ?? "";
        var origin = yaml.At(keyNode);
        return key switch
        {
            "all" => List(body, key) is { } all ? new AllDetector(all) { Origin = origin } : null,
            "any" => List(body, key) is { } any ? new AnyDetector(any) { Origin = origin } : null,
            "not" => Parse(body) is { } inner ? new NotDetector(inner) { Origin = origin } : null,
            "count" => Count(body, origin),
            "file" => File(body, origin),
            "dependency" => Dependency(body, origin),
            "content" => Content(body, origin),
            "query" => Query(body, origin),
            "dockerfile" => Dockerfile(body, origin),
            _ => Unknown(keyNode, key),
        };
    }

    private Detector? Unknown(YamlNode keyNode, string key)
    {
        yaml.Error(keyNode, $"unknown detector '{key}'; expected one of: {string.Join(", ", Kinds)}");
        return null;
    }

    private List<Detector>? List(YamlNode body, string what)
    {
        var sequence = yaml.Sequence(body, $"'{what}'");
        if (sequence is null)
        {
            return null;
        }
        if (sequence.Children.Count == 0)
        {
            yaml.Error(body, $"'{what}' needs at least one detector");
            return null;
        }
        var children = sequence.Select(Parse).ToList();
        return children.Any(child => child is null) ? null : [.. children.OfType<Detector>()];
    }

    private CountDetector? Count(YamlNode body, SourceLocation origin)
    {
        var mapping = yaml.Mapping(body, "'count'");
        if (mapping is null)
        {
            return null;
        }
        yaml.OnlyKeys(mapping, "'count'", "of", "pass", "partial");
        var of = YamlReader.Get(mapping, "of") is { } list ? List(list, "count.of") : null;
        var pass = yaml.Int(mapping, "pass", "'count'");
        var partial = yaml.Int(mapping, "partial", "'count'") ?? pass;
        if (of is null || pass is null)
        {
            if (pass is null && YamlReader.Get(mapping, "pass") is null)
            {
                yaml.Error(mapping, "'count' needs 'of' (a list of detectors) and 'pass' (how many must pass)");
            }
            return null;
        }
        if (pass < 1 || pass > of.Count || partial < 1 || partial > pass)
        {
            yaml.Error(mapping, $"'count' needs 1 <= partial <= pass <= {of.Count} (the number of detectors in 'of')");
            return null;
        }
        return new CountDetector(of, pass.Value, partial!.Value) { Origin = origin };
    }

    private FileDetector? File(YamlNode body, SourceLocation origin)
    {
        var mapping = yaml.Mapping(body, "'file'");
        if (mapping is null)
        {
            return null;
        }
        yaml.OnlyKeys(mapping, "'file'", "glob", "exclude", "type");
        var globs = Globs(mapping, "glob", "'file'");
        if (globs.Count == 0)
        {
            yaml.Error(mapping, "'file' needs 'glob': one glob or a list of them");
            return null;
        }
        var type = yaml.String(mapping, "type", "'file'", required: false) switch
        {
            null or "any" => EntryType.Any,
            "file" => EntryType.File,
            "dir" => EntryType.Directory,
            var other => BadType(mapping, other),
        };
        return new FileDetector(globs, type) { Exclude = Globs(mapping, "exclude", "'file'"), Origin = origin };
    }

    private EntryType BadType(YamlMappingNode mapping, string value)
    {
        yaml.Error(YamlReader.Get(mapping, "type")!, $"'type' must be file, dir or any, not '{value}'");
        return EntryType.Any;
    }

    private DependencyDetector? Dependency(YamlNode body, SourceLocation origin)
    {
        var mapping = yaml.Mapping(body, "'dependency'");
        if (mapping is null)
        {
            return null;
        }
        yaml.OnlyKeys(mapping, "'dependency'", "ecosystem", "name", "dev");
        var ecosystem = yaml.String(mapping, "ecosystem", "'dependency'");
        if (ecosystem is not null && !Ecosystem.IsKnown(ecosystem))
        {
            yaml.Error(YamlReader.Get(mapping, "ecosystem")!, $"unknown ecosystem '{ecosystem}'; expected one of: {string.Join(", ", Ecosystem.All)}");
            return null;
        }
        var names = yaml.Strings(mapping, "name", "'dependency'");
        if (names.Count == 0)
        {
            yaml.Error(mapping, "'dependency' needs 'name': one package name or a list of them");
            return null;
        }
        var dev = yaml.Bool(mapping, "dev", "'dependency'") ?? false;
        return ecosystem is null ? null : new DependencyDetector(ecosystem, names, dev) { Origin = origin };
    }

    private ContentDetector? Content(YamlNode body, SourceLocation origin)
    {
        var mapping = yaml.Mapping(body, "'content'");
        if (mapping is null)
        {
            return null;
        }
        yaml.OnlyKeys(mapping, "'content'", "languages", "language", "files", "pattern", "unless", "ignore-case", "tests");
        var languages = yaml.Strings(mapping, "languages", "'content'").Concat(yaml.Strings(mapping, "language", "'content'")).ToArray();
        foreach (var language in languages.Where(language => !Languages.IsKnown(language)))
        {
            yaml.Error(mapping, $"unknown language '{language}'; expected one of: {string.Join(", ", Languages.All)}");
            return null;
        }
        var files = Globs(mapping, "files", "'content'");
        if (languages.Length == 0 && files.Count == 0)
        {
            yaml.Error(mapping, "'content' needs 'languages', 'files' or both, to say which files to search");
            return null;
        }
        var ignoreCase = yaml.Bool(mapping, "ignore-case", "'content'") ?? false;
        var pattern = Pattern(mapping, "pattern", "'content'", ignoreCase);
        var unless = YamlReader.Get(mapping, "unless") is null ? null : Pattern(mapping, "unless", "'content'", ignoreCase);
        var tests = yaml.Bool(mapping, "tests", "'content'") ?? false;
        return pattern is null ? null : new ContentDetector(languages, files, pattern) { Unless = unless, Tests = tests, Origin = origin };
    }

    private QueryDetector? Query(YamlNode body, SourceLocation origin)
    {
        var mapping = yaml.Mapping(body, "'query'");
        if (mapping is null)
        {
            return null;
        }
        yaml.OnlyKeys(mapping, "'query'", "in", "each", "path", "equals", "matches", "contains", "exists");
        var target = yaml.String(mapping, "in", "'query'");
        var path = yaml.String(mapping, "path", "'query'");
        var each = yaml.String(mapping, "each", "'query'", required: false);
        if (target is null || path is null)
        {
            return null;
        }
        Glob? glob = null;
        if (!DocumentKinds.All.Contains(target))
        {
            if (!target.Contains('*') && !target.Contains('/') && !target.Contains('.'))
            {
                yaml.Error(YamlReader.Get(mapping, "in")!, $"'in' must be a document kind ({string.Join(", ", DocumentKinds.All)}) or a glob, not '{target}'");
                return null;
            }
            glob = ParseGlob(YamlReader.Get(mapping, "in")!, target);
            if (glob is null)
            {
                return null;
            }
        }
        var predicates = new[] { "equals", "matches", "contains", "exists" }.Where(key => YamlReader.Get(mapping, key) is not null).ToArray();
        if (predicates.Length > 1)
        {
            yaml.Error(mapping, $"'query' takes at most one of equals, matches, contains, exists (found {string.Join(", ", predicates)})");
            return null;
        }
        var predicate = predicates.FirstOrDefault() switch
        {
            "equals" => new QueryPredicate(QueryPredicateKind.EqualsValue, yaml.String(mapping, "equals", "'query'", required: false) ?? "", null),
            "contains" => new QueryPredicate(QueryPredicateKind.Contains, yaml.String(mapping, "contains", "'query'"), null),
            "matches" => Pattern(mapping, "matches", "'query'", ignoreCase: false) is { } regex
                ? new QueryPredicate(QueryPredicateKind.Matches, regex.ToString(), regex)
                : null,
            "exists" => yaml.Bool(mapping, "exists", "'query'") is { } exists
                ? new QueryPredicate(exists ? QueryPredicateKind.Exists : QueryPredicateKind.Absent, null, null)
                : null,
            _ => new QueryPredicate(QueryPredicateKind.Exists, null, null),
        };
        var eachPath = each is null ? null : ParsePath(YamlReader.Get(mapping, "each")!, each);
        var selectPath = ParsePath(YamlReader.Get(mapping, "path")!, path);
        if (predicate is null || selectPath is null || (each is not null && eachPath is null))
        {
            return null;
        }
        return new QueryDetector(target, glob, eachPath, selectPath, predicate) { Origin = origin };
    }

    private NodePath? ParsePath(YamlNode node, string text)
    {
        try
        {
            return NodePath.Parse(text);
        }
        catch (FormatException e)
        {
            yaml.Error(node, e.Message);
            return null;
        }
    }

    private DockerfileDetector? Dockerfile(YamlNode body, SourceLocation origin)
    {
        var mapping = yaml.Mapping(body, "'dockerfile'");
        if (mapping is null)
        {
            return null;
        }
        yaml.OnlyKeys(mapping, "'dockerfile'", "check");
        var check = yaml.String(mapping, "check", "'dockerfile'");
        if (check is not null && !DockerfileChecks.Names.Contains(check))
        {
            yaml.Error(YamlReader.Get(mapping, "check")!, $"unknown Dockerfile check '{check}'; expected one of: {string.Join(", ", DockerfileChecks.Names)}");
            return null;
        }
        return check is null ? null : new DockerfileDetector(check) { Origin = origin };
    }

    private List<Glob> Globs(YamlMappingNode mapping, string key, string what)
    {
        var node = YamlReader.Get(mapping, key);
        return yaml.Strings(mapping, key, what).Select(text => ParseGlob(node!, text)).OfType<Glob>().ToList();
    }

    private Glob? ParseGlob(YamlNode node, string text)
    {
        try
        {
            return Glob.Parse(text);
        }
        catch (FormatException e)
        {
            yaml.Error(node, $"invalid glob '{text}': {e.Message}");
            return null;
        }
    }

    /// <summary>Compiles with a match timeout (<see cref="RulePatterns"/>), reporting a bad pattern at its line.</summary>
    private Regex? Pattern(YamlMappingNode mapping, string key, string what, bool ignoreCase)
    {
        var text = yaml.String(mapping, key, what);
        if (text is null)
        {
            return null;
        }
        try
        {
            return RulePatterns.Compile(text, ignoreCase);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            yaml.Error(YamlReader.Get(mapping, key)!, $"invalid pattern: {e.Message}");
            return null;
        }
    }
}
