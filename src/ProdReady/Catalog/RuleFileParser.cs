using System.Text.RegularExpressions;
using ProdReady.Catalog.Detectors;
using ProdReady.Model;
using YamlDotNet.RepresentationModel;

namespace ProdReady.Catalog;

/// <summary>Parses one rule file: its controls, frameworks and features. Collects every error with its line.</summary>
internal sealed partial class RuleFileParser
{
    private static readonly Dictionary<string, string> PrefixByCategory = new()
    {
        [Category.Security] = "sec",
        [Category.Reliability] = "rel",
        [Category.Observability] = "obs",
        [Category.Performance] = "perf",
        [Category.Data] = "data",
        [Category.Testing] = "test",
        [Category.Delivery] = "del",
        [Category.Operations] = "ops",
        [Category.Ai] = "ai",
    };

    private readonly YamlReader _yaml;
    private readonly DetectorParser _detectors;

    public RuleFileParser(string file)
    {
        _yaml = new YamlReader(file);
        _detectors = new DetectorParser(_yaml);
    }

    public List<Control> Controls { get; } = [];

    public List<FrameworkDefinition> Frameworks { get; } = [];

    public List<FeatureDefinition> Features { get; } = [];

    public IReadOnlyList<Diagnostic> Errors => _yaml.Errors;

    private string _text = "";

    public void Parse(string text)
    {
        _text = text;
        var root = _yaml.ParseRoot(text);
        if (root is null)
        {
            return;
        }
        _yaml.OnlyKeys(root, "a rule file", "controls", "frameworks", "features");
        ParseEach(root, "controls", ParseControl, Controls);
        ParseEach(root, "frameworks", ParseFramework, Frameworks);
        ParseEach(root, "features", ParseFeature, Features);
    }

    private void ParseEach<T>(YamlMappingNode root, string key, Func<YamlMappingNode, T?> parse, List<T> into)
        where T : class
    {
        var items = _yaml.Sequence(YamlReader.Get(root, key), $"'{key}'");
        foreach (var item in items?.Children ?? [])
        {
            if (_yaml.Mapping(item, $"an entry of '{key}'") is { } mapping && parse(mapping) is { } parsed)
            {
                into.Add(parsed);
            }
        }
    }

    private Control? ParseControl(YamlMappingNode node)
    {
        _yaml.OnlyKeys(node, "a control", "id", "title", "category", "priority", "applies", "rationale", "remediation", "references", "aliases", "probes", "detect", "examples");
        var errorsBefore = _yaml.Errors.Count;
        var id = Id(node, "a control");
        var what = id is null ? "a control" : $"control {id}";
        var title = _yaml.String(node, "title", what);
        var category = _yaml.String(node, "category", what);
        if (category is not null && !Category.IsKnown(category))
        {
            _yaml.Error(YamlReader.Get(node, "category")!, $"unknown category '{category}'; expected one of: {string.Join(", ", Category.All)}");
        }
        else if (id is not null && category is not null && !id.StartsWith(PrefixByCategory[category] + ".", StringComparison.Ordinal))
        {
            _yaml.Error(YamlReader.Get(node, "id")!, $"control {id} is in category {category}, so its id must start with '{PrefixByCategory[category]}.'");
        }
        var priority = ParsePriority(node, what);
        var rationale = _yaml.String(node, "rationale", what)?.Trim();
        var remediation = _yaml.String(node, "remediation", what)?.Trim();
        var references = _yaml.Strings(node, "references", what);
        var aliases = _yaml.Strings(node, "aliases", what);
        var probes = _yaml.Strings(node, "probes", what);
        var applies = ParseApplies(node, what);
        var detect = YamlReader.Get(node, "detect") is { } detectNode ? _detectors.Parse(detectNode) : null;
        var examples = ParseExamples(node, what, required: YamlReader.Get(node, "detect") is not null);
        if (_yaml.Errors.Count > errorsBefore || id is null || title is null || category is null || priority is null || rationale is null || remediation is null)
        {
            return null;
        }
        return new Control
        {
            Id = id,
            Title = title,
            Category = category,
            Priority = priority.Value,
            Rationale = rationale,
            Remediation = remediation,
            References = references,
            Aliases = aliases,
            Probes = probes,
            Applies = applies,
            Detect = detect,
            Examples = examples,
            Origin = _yaml.At(node),
            SourceText = SourceOf(node),
        };
    }

    private FrameworkDefinition? ParseFramework(YamlMappingNode node)
    {
        _yaml.OnlyKeys(node, "a framework", "id", "name", "ecosystem", "kind", "detect", "examples");
        var errorsBefore = _yaml.Errors.Count;
        var id = Id(node, "a framework");
        var what = $"framework {id}";
        var name = _yaml.String(node, "name", what);
        var ecosystem = _yaml.String(node, "ecosystem", what);
        if (ecosystem is not null && !Ecosystem.IsKnown(ecosystem))
        {
            _yaml.Error(YamlReader.Get(node, "ecosystem")!, $"unknown ecosystem '{ecosystem}'; expected one of: {string.Join(", ", Ecosystem.All)}");
        }
        var kind = _yaml.String(node, "kind", what);
        if (kind is not null && (!ServiceKind.IsKnown(kind) || kind == ServiceKind.Library))
        {
            _yaml.Error(YamlReader.Get(node, "kind")!, $"a framework's kind must be http-api, worker or cli, not '{kind}'");
        }
        var detect = Detect(node, what);
        var examples = ParseExamples(node, what, required: false);
        return _yaml.Errors.Count > errorsBefore || id is null || name is null || ecosystem is null || kind is null || detect is null
            ? null
            : new FrameworkDefinition(id, name, ecosystem, kind, detect, examples, _yaml.At(node));
    }

    private FeatureDefinition? ParseFeature(YamlMappingNode node)
    {
        _yaml.OnlyKeys(node, "a feature", "id", "description", "deploy-target", "detect", "examples");
        var errorsBefore = _yaml.Errors.Count;
        var id = Id(node, "a feature");
        var what = $"feature {id}";
        var description = _yaml.String(node, "description", what);
        var deployTarget = _yaml.Bool(node, "deploy-target", what) ?? false;
        var detect = Detect(node, what);
        var examples = ParseExamples(node, what, required: true);
        return _yaml.Errors.Count > errorsBefore || id is null || description is null || detect is null
            ? null
            : new FeatureDefinition(id, description, deployTarget, detect, examples, _yaml.At(node));
    }

    private string? Id(YamlMappingNode node, string what)
    {
        var id = _yaml.String(node, "id", what);
        if (id is not null && !IdPattern().IsMatch(id))
        {
            _yaml.Error(YamlReader.Get(node, "id")!, $"id '{id}' must be lower-case words joined by '-', with an optional 'prefix.' (e.g. sec.api-auth)");
            return null;
        }
        return id;
    }

    private Detector? Detect(YamlMappingNode node, string what)
    {
        if (YamlReader.Get(node, "detect") is { } detect)
        {
            return _detectors.Parse(detect);
        }
        _yaml.Error(node, $"{what} needs 'detect'");
        return null;
    }

    private Priority? ParsePriority(YamlMappingNode node, string what)
    {
        var text = _yaml.String(node, "priority", what);
        if (text is null)
        {
            return null;
        }
        if (Enum.TryParse<Priority>(text, ignoreCase: false, out var priority) && Enum.IsDefined(priority) && text.StartsWith('P'))
        {
            return priority;
        }
        _yaml.Error(YamlReader.Get(node, "priority")!, $"priority must be P0, P1, P2 or P3, not '{text}'");
        return null;
    }

    private Applicability ParseApplies(YamlMappingNode node, string what)
    {
        var applies = _yaml.Mapping(YamlReader.Get(node, "applies"), $"'applies' of {what}");
        if (applies is null)
        {
            return Applicability.Always;
        }
        _yaml.OnlyKeys(applies, $"'applies' of {what}", "kinds", "ecosystems", "features");
        var kinds = _yaml.Strings(applies, "kinds", what);
        foreach (var kind in kinds.Where(kind => !ServiceKind.IsKnown(kind)))
        {
            _yaml.Error(YamlReader.Get(applies, "kinds")!, $"unknown service kind '{kind}'; expected one of: {string.Join(", ", ServiceKind.All)}");
        }
        var ecosystems = _yaml.Strings(applies, "ecosystems", what);
        foreach (var ecosystem in ecosystems.Where(ecosystem => !Ecosystem.IsKnown(ecosystem)))
        {
            _yaml.Error(YamlReader.Get(applies, "ecosystems")!, $"unknown ecosystem '{ecosystem}'; expected one of: {string.Join(", ", Ecosystem.All)}");
        }
        return new Applicability { Kinds = kinds, Ecosystems = ecosystems, Features = _yaml.Strings(applies, "features", what) };
    }

    private List<RuleExample> ParseExamples(YamlMappingNode node, string what, bool required)
    {
        var examples = new List<RuleExample>();
        var mapping = _yaml.Mapping(YamlReader.Get(node, "examples"), $"'examples' of {what}");
        if (mapping is not null)
        {
            _yaml.OnlyKeys(mapping, $"'examples' of {what}", "pass", "partial", "fail");
            foreach (var (key, expect) in new[] { ("pass", ResultStatus.Pass), ("partial", ResultStatus.Partial), ("fail", ResultStatus.Fail) })
            {
                foreach (var item in _yaml.Sequence(YamlReader.Get(mapping, key), $"'examples.{key}' of {what}")?.Children ?? [])
                {
                    if (ParseExample(item, expect, what) is { } example)
                    {
                        examples.Add(example);
                    }
                }
            }
        }
        if (required && (!examples.Any(example => example.Expect == ResultStatus.Pass) || !examples.Any(example => example.Expect == ResultStatus.Fail)))
        {
            _yaml.Error(mapping ?? node, $"{what} needs at least one 'pass' and one 'fail' example under 'examples'");
        }
        return examples;
    }

    private RuleExample? ParseExample(YamlNode item, ResultStatus expect, string what)
    {
        var example = _yaml.Mapping(item, $"an example of {what}");
        if (example is null)
        {
            return null;
        }
        _yaml.OnlyKeys(example, $"an example of {what}", "files");
        var files = _yaml.Mapping(YamlReader.Get(example, "files"), $"'files' of an example of {what}");
        if (files is null)
        {
            _yaml.Error(example, $"an example of {what} needs 'files': a map from relative path to content");
            return null;
        }
        var contents = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (pathNode, contentNode) in files.Children)
        {
            var path = (pathNode as YamlScalarNode)?.Value;
            if (path is null || path.Length == 0 || Path.IsPathRooted(path) || path.Split('/').Contains(".."))
            {
                _yaml.Error(pathNode, "an example file path must be relative and stay inside the example");
                continue;
            }
            contents[path] = (contentNode as YamlScalarNode)?.Value ?? "";
        }
        return new RuleExample(expect, contents, _yaml.At(item));
    }

    /// <summary>
    /// The node's text as written, re-indented to the left margin: its first line, then every following line
    /// indented at least as deep (YamlDotNet does not record where a block mapping ends).
    /// </summary>
    private string SourceOf(YamlNode node)
    {
        var lines = _text.Split('\n');
        var first = (int)node.Start.Line - 1;
        var indent = (int)node.Start.Column - 1;
        var taken = new List<string> { lines[first][indent..].TrimEnd('\r') };
        for (var i = first + 1; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            var depth = line.Length - line.TrimStart(' ').Length;
            if (line.Trim().Length > 0 && depth < indent)
            {
                break;
            }
            taken.Add(line.Length >= indent ? line[indent..] : "");
        }
        return string.Join('\n', taken).TrimEnd();
    }

    [GeneratedRegex(@"^([a-z][a-z0-9]*\.)?[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex IdPattern();
}
