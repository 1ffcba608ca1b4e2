using ProdReady.Scanning.Paths;

namespace ProdReady.Scanning.Structured;

/// <summary>Recognises the YAML/JSON documents queries can name by kind.</summary>
public static class DocumentKinds
{
    public const string Compose = "compose";
    public const string Kubernetes = "kubernetes";
    public const string GitHubActions = "github-actions";
    public const string GitLabCi = "gitlab-ci";
    public const string Dependabot = "dependabot";
    public const string Renovate = "renovate";

    public static readonly IReadOnlyList<string> All = [Compose, Kubernetes, GitHubActions, GitLabCi, Dependabot, Renovate];

    private static readonly (string Kind, Glob Glob)[] ByPath =
    [
        (GitHubActions, Glob.Parse("/.github/workflows/*.{yml,yaml}")),
        (Dependabot, Glob.Parse("/.github/dependabot.{yml,yaml}")),
        (GitLabCi, Glob.Parse("*.gitlab-ci.{yml,yaml}")),
        (GitLabCi, Glob.Parse(".gitlab-ci.{yml,yaml}")),
        (Renovate, Glob.Parse("{renovate.json,.renovaterc,.renovaterc.json}")),
        (Renovate, Glob.Parse("/.github/renovate.json")),
        (Compose, Glob.Parse("{docker-compose,compose}*.{yml,yaml}")),
    ];

    /// <summary>The kind a file's path alone decides, or null (then each YAML document may still be Kubernetes).</summary>
    public static string? OfPath(string relativePath)
    {
        foreach (var (kind, glob) in ByPath)
        {
            if (glob.IsMatch(relativePath))
            {
                return kind;
            }
        }
        return null;
    }

    /// <summary>A Kubernetes object: a mapping with scalar apiVersion and kind.</summary>
    public static bool IsKubernetesObject(Node document) =>
        document.Kind == NodeKind.Mapping
        && document["apiVersion"] is { Kind: NodeKind.Scalar, Value: not null }
        && document["kind"] is { Kind: NodeKind.Scalar, Value: not null };
}
