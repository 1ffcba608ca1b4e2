using ProdReady.Catalog;
using ProdReady.Model;
using YamlDotNet.RepresentationModel;

namespace ProdReady.Policy;

/// <summary>
/// Reads prodready.yml, reporting every unknown key, wrong type and bad date with its line, all at once.
/// Control ids are checked later, against the catalog the file itself may extend (<see cref="PolicyLoader"/>).
/// </summary>
internal sealed class PolicyFileParser(string file, string repositoryRoot)
{
    private static readonly Dictionary<string, string> KindAliases = new(StringComparer.Ordinal)
    {
        ["api"] = ServiceKind.HttpApi,
        [ServiceKind.HttpApi] = ServiceKind.HttpApi,
        [ServiceKind.Worker] = ServiceKind.Worker,
        [ServiceKind.Cli] = ServiceKind.Cli,
        [ServiceKind.Library] = ServiceKind.Library,
    };

    private readonly YamlReader _yaml = new(file);

    public IReadOnlyList<Diagnostic> Errors => _yaml.Errors;

    public PolicyFile? Parse(string text)
    {
        var root = _yaml.ParseRoot(text, $"{file}", emptyIsError: false);
        if (root is null)
        {
            return null;
        }
        _yaml.OnlyKeys(root, file, "version", "service", "policy", "weights", "rules", "ignore", "controls");
        if (YamlReader.Get(root, "version") is { } version && version is not YamlScalarNode { Value: "1" })
        {
            _yaml.Error(version, "'version' must be 1 (the only version of this file so far)");
        }
        var policy = new PolicyFile
        {
            Source = file,
            Service = ParseService(_yaml.Mapping(Present(YamlReader.Get(root, "service")), "'service'")),
            Rules = ParseRules(_yaml.Mapping(Present(YamlReader.Get(root, "policy")), "'policy'")),
            Weights = ParseWeights(_yaml.Mapping(Present(YamlReader.Get(root, "weights")), "'weights'")),
            RuleFolders = ParseRuleFolders(root),
            Ignore = _yaml.Strings(root, "ignore", file),
            Controls = ParseControls(_yaml.Mapping(Present(YamlReader.Get(root, "controls")), "'controls'")),
        };
        return _yaml.Errors.Count == 0 ? policy : null;
    }

    /// <summary>A key with nothing after it (`controls:` whose entries are all commented out) means "none".</summary>
    private static YamlNode? Present(YamlNode? node) => node is YamlScalarNode { Value: null or "", Style: YamlDotNet.Core.ScalarStyle.Plain } ? null : node;

    /// <summary>Folders must exist: a typo would otherwise drop a team's own rules without a word.</summary>
    private List<string> ParseRuleFolders(YamlMappingNode root)
    {
        var folders = _yaml.Strings(root, "rules", file).ToList();
        foreach (var folder in folders.Where(folder => !Directory.Exists(Path.Combine(repositoryRoot, folder))))
        {
            _yaml.Error(YamlReader.Get(root, "rules")!, $"rule folder '{folder}' does not exist (paths are relative to the repository root)");
        }
        return folders;
    }

    private ServiceInfo ParseService(YamlMappingNode? node)
    {
        if (node is null)
        {
            return new ServiceInfo();
        }
        _yaml.OnlyKeys(node, "'service'", "name", "owner", "tier", "kind");
        var tier = ServiceTier.Standard;
        if (_yaml.String(node, "tier", "'service'", required: false) is { } tierText)
        {
            if (Ids.Tier(tierText) is { } known)
            {
                tier = known;
            }
            else
            {
                _yaml.Error(YamlReader.Get(node, "tier")!, $"unknown tier '{tierText}'; expected critical, standard or experimental");
            }
        }
        string? kind = null;
        if (_yaml.String(node, "kind", "'service'", required: false) is { } kindText && !KindAliases.TryGetValue(kindText, out kind))
        {
            _yaml.Error(YamlReader.Get(node, "kind")!, $"unknown kind '{kindText}'; expected api, worker, cli or library");
        }
        return new ServiceInfo
        {
            Name = _yaml.String(node, "name", "'service'", required: false),
            Owner = _yaml.String(node, "owner", "'service'", required: false),
            Tier = tier,
            Kind = kind,
        };
    }

    private PolicyRules ParseRules(YamlMappingNode? node)
    {
        if (node is null)
        {
            return new PolicyRules();
        }
        _yaml.OnlyKeys(node, "'policy'", "level", "min-score", "categories", "must-pass");
        ReadinessLevel? level = null;
        if (_yaml.String(node, "level", "'policy'", required: false) is { } levelText)
        {
            level = Ids.Level(levelText);
            if (level is null)
            {
                _yaml.Error(YamlReader.Get(node, "level")!, $"unknown level '{levelText}'; expected one of: {string.Join(", ", Enum.GetValues<ReadinessLevel>().Select(l => l.ToId()))}");
            }
        }
        var categories = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (key, value) in Entries(_yaml.Mapping(YamlReader.Get(node, "categories"), "'categories' in 'policy'")))
        {
            var category = (key as YamlScalarNode)?.Value ?? "";
            if (!Category.IsKnown(category))
            {
                _yaml.Error(key, $"unknown category '{category}'; expected one of: {string.Join(", ", Category.All)}");
            }
            else if (_yaml.Number(value, $"the minimum score of '{category}'", 0, 100) is double minimum)
            {
                categories[category] = minimum;
            }
        }
        IReadOnlyList<Priority>? mustPass = null;
        if (YamlReader.Get(node, "must-pass") is { } mustPassNode)
        {
            mustPass = [.. _yaml.Strings(node, "must-pass", "'policy'").Select(text => ParsePriority(text, mustPassNode)).OfType<Priority>().Distinct().Order()];
        }
        return new PolicyRules
        {
            Level = level,
            MinScore = _yaml.Number(node, "min-score", "'policy'", 0, 100),
            CategoryMinimums = categories,
            MustPass = mustPass,
        };
    }

    private static IEnumerable<KeyValuePair<YamlNode, YamlNode>> Entries(YamlMappingNode? mapping) => mapping?.Children ?? Enumerable.Empty<KeyValuePair<YamlNode, YamlNode>>();

    private Priority? ParsePriority(string text, YamlNode node)
    {
        if (text is "P0" or "P1" or "P2" or "P3")
        {
            return Enum.Parse<Priority>(text);
        }
        _yaml.Error(node, $"unknown priority '{text}'; expected P0, P1, P2 or P3");
        return null;
    }

    private Dictionary<Priority, double> ParseWeights(YamlMappingNode? node)
    {
        var weights = new Dictionary<Priority, double>();
        foreach (var (key, value) in Entries(node))
        {
            if (ParsePriority((key as YamlScalarNode)?.Value ?? "", key) is Priority priority
                && _yaml.Number(value, $"the weight of {priority}", 0, 1000) is double weight)
            {
                weights[priority] = weight;
            }
        }
        return weights;
    }

    private List<ControlDeclaration> ParseControls(YamlMappingNode? node)
    {
        var declarations = new List<ControlDeclaration>();
        foreach (var (key, value) in Entries(node))
        {
            var id = (key as YamlScalarNode)?.Value ?? "";
            if (_yaml.Mapping(value, $"control {id}") is not { } entry)
            {
                continue;
            }
            _yaml.OnlyKeys(entry, $"control {id}", "not-applicable", "waive", "attest");
            if (entry.Children.Count != 1)
            {
                _yaml.Error(entry, $"control {id} needs exactly one of not-applicable, waive or attest");
                continue;
            }
            ControlDeclaration? declaration = (entry.Children.Keys.Single() as YamlScalarNode)?.Value switch
            {
                "not-applicable" => NotApplicable(id, entry),
                "waive" => Waive(id, _yaml.Mapping(YamlReader.Get(entry, "waive"), $"'waive' of {id}")),
                "attest" => Attest(id, _yaml.Mapping(YamlReader.Get(entry, "attest"), $"'attest' of {id}")),
                _ => null,
            };
            if (declaration is not null)
            {
                declarations.Add(declaration);
            }
        }
        return declarations;
    }

    /// <summary>`not-applicable: the reason`, or the long form `not-applicable: { reason: ... }`.</summary>
    private NotApplicableDeclaration? NotApplicable(string id, YamlMappingNode entry)
    {
        var node = YamlReader.Get(entry, "not-applicable")!;
        var what = $"'not-applicable' of {id}";
        string? reason;
        if (node is YamlMappingNode mapping)
        {
            _yaml.OnlyKeys(mapping, what, "reason");
            reason = _yaml.String(mapping, "reason", what);
        }
        else
        {
            reason = _yaml.String(entry, "not-applicable", $"control {id} (the reason it does not apply)");
        }
        return reason is null ? null : new NotApplicableDeclaration(id, _yaml.At(node), reason);
    }

    private Waiver? Waive(string id, YamlMappingNode? node)
    {
        if (node is null)
        {
            return null;
        }
        var what = $"the waiver of {id}";
        _yaml.OnlyKeys(node, what, "reason", "owner", "until");
        var reason = _yaml.String(node, "reason", what);
        var owner = _yaml.String(node, "owner", what);
        var until = _yaml.Date(node, "until", what, required: true);
        return reason is null || owner is null || until is null ? null : new Waiver(id, _yaml.At(node), reason, owner, until.Value);
    }

    private Attestation? Attest(string id, YamlMappingNode? node)
    {
        if (node is null)
        {
            return null;
        }
        var what = $"the attestation of {id}";
        _yaml.OnlyKeys(node, what, "status", "by", "date", "evidence", "expires");
        ResultStatus? status = _yaml.String(node, "status", what) switch
        {
            null => null,
            "pass" => ResultStatus.Pass,
            "partial" => ResultStatus.Partial,
            "fail" => ResultStatus.Fail,
            var other => Invalid(YamlReader.Get(node, "status")!, $"unknown attested status '{other}'; expected pass, partial or fail"),
        };
        var by = _yaml.String(node, "by", what);
        var date = _yaml.Date(node, "date", what, required: true);
        var evidence = _yaml.String(node, "evidence", $"{what} (a link or a repository path to the record)");
        var expires = _yaml.Date(node, "expires", what);
        if (date is { } day && expires is { } last && last < day)
        {
            _yaml.Error(YamlReader.Get(node, "expires")!, $"{what} expires ({last:yyyy-MM-dd}) before its date ({day:yyyy-MM-dd})");
            return null;
        }
        if (status is null || by is null || date is null || evidence is null)
        {
            return null;
        }
        return new Attestation(id, _yaml.At(node), status.Value, by, date.Value, evidence, expires ?? date.Value.AddDays(Attestation.DefaultValidityDays));
    }

    private ResultStatus? Invalid(YamlNode node, string message)
    {
        _yaml.Error(node, message);
        return null;
    }
}
