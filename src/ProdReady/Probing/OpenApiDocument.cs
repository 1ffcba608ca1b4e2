using ProdReady.Model;
using ProdReady.Scanning.Structured;

namespace ProdReady.Probing;

/// <summary>What an OpenAPI document says about who may call an operation.</summary>
public enum OperationSecurity
{
    /// <summary>No security requirement applies: the document does not say.</summary>
    Unspecified,

    /// <summary>`security: []`, or a requirement list that includes `{}` (authentication optional).</summary>
    Public,

    Secured,
}

/// <summary>One operation: its method, its path on the target (server base path included) and what it needs.</summary>
public sealed record OpenApiOperation(string Method, string Path, bool ParameterFree, OperationSecurity Security);

/// <summary>
/// The little of an OpenAPI (3.x) or Swagger (2.0) document the probes use: title, version, operations with their
/// full paths, whether they can be called without parameters, and their security. Bad input is a diagnostic.
/// </summary>
public sealed record OpenApiDocument(string Specification, string? Title, string? Version, IReadOnlyList<OpenApiOperation> Operations)
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    /// <summary>Parses <paramref name="text"/>; <paramref name="location"/> is where it was served, for relative server URLs.</summary>
    public static (OpenApiDocument? Document, Diagnostic? Problem) Parse(string source, string text, Uri location)
    {
        text = text.TrimStart('\uFEFF');
        var (documents, error) = StructuredParser.Parse(source, text, isJson: text.TrimStart().StartsWith('{'));
        if (error is not null)
        {
            return (null, error);
        }
        if (documents is not [{ Kind: NodeKind.Mapping } root, ..])
        {
            return (null, Diagnostic.Warning(source, documents.Count == 0 ? 0 : documents[0].Line, "not a mapping: not an OpenAPI document"));
        }
        var specification = root["openapi"] is { Value: { } openapi } ? $"OpenAPI {openapi}"
            : root["swagger"] is { Value: { } swagger } ? $"Swagger {swagger}" : null;
        if (specification is null)
        {
            return (null, Diagnostic.Warning(source, root.Line, "no 'openapi' or 'swagger' version at the top: not an OpenAPI document"));
        }
        var paths = root["paths"];
        if (paths is not null and not { Kind: NodeKind.Mapping })
        {
            return (null, Diagnostic.Warning(source, paths.Line, "'paths' must be a mapping of paths to operations"));
        }
        var basePath = BasePath(root, location);
        var operations = new List<OpenApiOperation>();
        foreach (var (template, item) in paths?.Entries ?? [])
        {
            foreach (var (method, operation) in item.Entries.Where(entry => Methods.Contains(entry.Key) && entry.Value.Kind == NodeKind.Mapping))
            {
                var path = basePath + template;
                var parameterFree = !path.Contains('{', StringComparison.Ordinal) && !RequiresParameters(root, item["parameters"], operation["parameters"]);
                operations.Add(new OpenApiOperation(method.ToUpperInvariant(), path, parameterFree, SecurityOf(operation["security"] ?? root["security"])));
            }
        }
        return (new OpenApiDocument(specification, root["info"]?["title"]?.Value, root["info"]?["version"]?.Value, operations), null);
    }

    /// <summary>Swagger's basePath, or the first server's URL path (its variables at their defaults), without a trailing slash.</summary>
    private static string BasePath(Node root, Uri location)
    {
        var server = root["servers"]?.Items.FirstOrDefault();
        var url = root["basePath"]?.Value ?? server?["url"]?.Value;
        if (url is null)
        {
            return "";
        }
        foreach (var (name, variable) in server?["variables"]?.Entries ?? [])
        {
            url = url.Replace($"{{{name}}}", variable["default"]?.Value, StringComparison.Ordinal);
        }
        return Uri.TryCreate(location, url, out var resolved) ? Uri.UnescapeDataString(resolved.AbsolutePath).TrimEnd('/') : "";
    }

    /// <summary>Path-level parameters, overridden by the operation's own with the same name and place.</summary>
    private static bool RequiresParameters(Node root, Node? pathLevel, Node? operationLevel)
    {
        var required = new Dictionary<(string?, string?), bool>();
        foreach (var parameter in (pathLevel?.Items ?? []).Concat(operationLevel?.Items ?? []))
        {
            if (Dereference(root, parameter) is not { } resolved)
            {
                return true; // a parameter that cannot be read may be required: do not call the operation
            }
            var place = resolved["in"]?.Value;
            required[(resolved["name"]?.Value, place)] = place == "path" || string.Equals(resolved["required"]?.Value, "true", StringComparison.OrdinalIgnoreCase);
        }
        return required.ContainsValue(true);
    }

    /// <summary>Follows a local `$ref` ("#/components/parameters/Page"); null when it points outside or nowhere.</summary>
    private static Node? Dereference(Node root, Node node)
    {
        for (var hops = 0; hops < 8; hops++)
        {
            if (node["$ref"]?.Value is not { } reference)
            {
                return node;
            }
            if (!reference.StartsWith("#/", StringComparison.Ordinal))
            {
                return null;
            }
            Node? target = root;
            foreach (var segment in reference[2..].Split('/'))
            {
                target = target?[segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)];
            }
            if (target is null)
            {
                return null;
            }
            node = target;
        }
        return null;
    }

    private static OperationSecurity SecurityOf(Node? requirements) => requirements switch
    {
        { Kind: NodeKind.Sequence, Items.Count: 0 } => OperationSecurity.Public,
        { Kind: NodeKind.Sequence } when requirements.Items.Any(item => item is { Kind: NodeKind.Mapping, Entries.Count: 0 }) => OperationSecurity.Public,
        { Kind: NodeKind.Sequence } => OperationSecurity.Secured,
        _ => OperationSecurity.Unspecified,
    };
}
