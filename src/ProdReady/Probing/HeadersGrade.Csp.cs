namespace ProdReady.Probing;

/// <summary>Content-Security-Policy as Observatory grades it: what the policy lets scripts, plugins and styles do.</summary>
public sealed partial record HeadersGrade
{
    /// <summary>Sources that allow almost anything: any host, any https host, inline data.</summary>
    private static readonly string[] BroadSources = ["*", "http:", "https:", "data:"];

    /// <summary>Directives for passive content: http there is a lesser risk than for scripts.</summary>
    private static readonly string[] PassiveDirectives = ["img-src", "media-src"];

    private static GradeModifier ContentSecurityPolicy(ProbeExchange root, bool https)
    {
        const string test = "content-security-policy";
        if (root.Header("Content-Security-Policy") is not { } header)
        {
            return new(test, -25, root.Header("Content-Security-Policy-Report-Only") is null ? "no Content-Security-Policy" : "CSP is only Report-Only: nothing is enforced");
        }
        var policy = Directives(header);
        if (policy.Count == 0)
        {
            return new(test, -25, "Content-Security-Policy has no directives");
        }
        var fallback = policy.GetValueOrDefault("default-src");
        var scripts = policy.GetValueOrDefault("script-src") ?? fallback;
        var objects = policy.GetValueOrDefault("object-src") ?? fallback;
        var styles = policy.GetValueOrDefault("style-src") ?? fallback;
        if (scripts is null)
        {
            return new(test, -20, "CSP leaves scripts unrestricted (no script-src or default-src)");
        }
        // 'strict-dynamic' makes browsers ignore 'unsafe-inline' and allow-lists; a nonce or hash makes them ignore 'unsafe-inline'.
        var strictDynamic = scripts.Contains("'strict-dynamic'");
        var vouched = strictDynamic || scripts.Any(source => source.StartsWith("'nonce-", StringComparison.Ordinal) || source.StartsWith("'sha", StringComparison.Ordinal));
        if (!vouched && scripts.Contains("'unsafe-inline'"))
        {
            return new(test, -20, "CSP allows 'unsafe-inline' scripts");
        }
        if (!strictDynamic && scripts.FirstOrDefault(BroadSources.Contains) is { } broad)
        {
            return new(test, -20, $"CSP allows scripts from {broad}");
        }
        if (objects is null || objects.Any(BroadSources.Contains))
        {
            return new(test, -20, "CSP leaves object-src unrestricted");
        }
        var insecure = policy.Where(directive => directive.Value.Any(source => source.StartsWith("http:", StringComparison.Ordinal))).Select(directive => directive.Key).ToList();
        if (https && insecure.Count > 0)
        {
            return insecure.All(PassiveDirectives.Contains)
                ? new(test, -10, "CSP loads images or media over http")
                : new(test, -20, $"CSP loads {string.Join(", ", insecure)} over http");
        }
        if (scripts.Contains("'unsafe-eval'"))
        {
            return new(test, -10, "CSP allows 'unsafe-eval'");
        }
        if (styles is null || styles.Any(source => source == "'unsafe-inline'" || BroadSources.Contains(source)))
        {
            return new(test, 0, "CSP is strict for scripts but not for styles");
        }
        return fallback is ["'none'"] && policy.TryGetValue("form-action", out var forms) && !forms.Contains("*")
            ? new(test, 10, "strict CSP: default-src 'none', form-action set, nothing unsafe")
            : new(test, 5, "CSP without unsafe sources");
    }

    /// <summary>
    /// Directive name → sources, lower-cased. Several CSP headers arrive joined by commas; their directives are read
    /// as one policy, first one winning, as browsers do with a repeated directive.
    /// </summary>
    private static Dictionary<string, string[]> Directives(string? header)
    {
        var directives = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var part in (header ?? "").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var tokens = part.ToLowerInvariant().Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            directives.TryAdd(tokens[0], tokens[1..]);
        }
        return directives;
    }
}
