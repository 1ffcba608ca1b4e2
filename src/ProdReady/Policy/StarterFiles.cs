using System.Text;
using ProdReady.Model;

namespace ProdReady.Policy;

/// <summary>A file `prodready init` writes: a repository-relative path and its text.</summary>
public sealed record StarterFile(string Path, string Content);

/// <summary>
/// What `prodready init` writes, from a first scan: a commented prodready.yml whose defaults fit the detected stack
/// (with an attestation template for each control only a person can confirm), a GitHub Actions workflow that runs
/// the gate and uploads SARIF, and the GitLab CI equivalent to print.
/// </summary>
public static class StarterFiles
{
    public const string WorkflowPath = ".github/workflows/prodready.yml";

    public static IReadOnlyList<StarterFile> Create(Assessment assessment, string serviceName, string? owner, DateOnly today) =>
    [
        new(PolicyFile.FileName, PolicyYaml(assessment, serviceName, owner, today)),
        new(WorkflowPath, GitHubWorkflow(assessment.ToolVersion)),
        // The history store is per clone; keep it out of commits.
        new(".prodready/.gitignore", "history.db*\n"),
    ];

    private static string PolicyYaml(Assessment assessment, string serviceName, string? owner, DateOnly today)
    {
        var stack = assessment.Stack;
        var text = new StringBuilder();
        text.AppendLine($"# ProdReady policy for {serviceName}: what `prodready gate` demands, and what the team knows that the");
        text.AppendLine("# code cannot show. Every key is optional; docs/configuration.md in the ProdReady repository explains them all.");
        text.AppendLine($"# Detected: {StackSummary(stack)}.");
        text.AppendLine("version: 1");
        text.AppendLine();
        text.AppendLine("service:");
        text.AppendLine($"  name: {Scalar(serviceName)}");
        text.AppendLine(owner is null ? "  # owner: team-name          # who answers for the service" : $"  owner: {Scalar(owner)}");
        text.AppendLine("  # critical: P0 and P1 must pass, level ready · standard: P0 must pass, level developing ·");
        text.AppendLine("  # experimental: P0 must pass");
        text.AppendLine("  tier: standard");
        var kind = stack.Kinds.Count == 1 ? KindName(stack.Kinds[0]) : null;
        text.AppendLine(kind is null
            ? $"  # kind: api                  # api, worker, cli or library; detected: {string.Join(", ", stack.Kinds)}"
            : $"  kind: {kind}                    # detected; api, worker, cli or library");
        text.AppendLine();
        text.AppendLine("# policy:                      # replaces the tier's defaults");
        text.AppendLine("#   level: ready");
        text.AppendLine("#   min-score: 75");
        text.AppendLine("#   categories: { security: 80 }");
        text.AppendLine("#   must-pass: [P0, P1]");
        text.AppendLine();
        text.AppendLine("# ignore: [\"legacy/**\"]        # paths the scan skips (.gitignore syntax)");
        text.AppendLine("# rules: [ops/prodready-rules] # your own controls (YAML, see docs/rules.md)");
        text.AppendLine();
        text.AppendLine("controls:");
        text.AppendLine("  ## Remove one '#' from a block to use it.");
        text.AppendLine("  ## Waive a known gap until a date (it counts as passing until then, and fails after):");
        text.AppendLine("  # sec.rate-limiting:");
        text.AppendLine("  #   waive:");
        text.AppendLine("  #     reason: the API gateway limits requests until the migration ends");
        text.AppendLine("  #     owner: someone@example.com");
        text.AppendLine($"  #     until: {Ids.Day(today.AddDays(90))}");
        text.AppendLine();
        text.AppendLine("  ## Declare what does not apply:");
        text.AppendLine("  # sec.redis-auth:");
        text.AppendLine("  #   not-applicable: the cache is a managed service reached through IAM");
        var unjudged = assessment.Results.Where(result => result.Status == ResultStatus.Unknown).ToList();
        if (unjudged.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("  ## Only a person can confirm these; attest each when it is true (valid 180 days unless `expires` says otherwise):");
        }
        foreach (var result in unjudged)
        {
            var control = result.Control;
            text.AppendLine();
            text.AppendLine($"  # {control.Id}:  # {control.Priority} · {control.Title}");
            if (control.Probes.Count > 0)
            {
                text.AppendLine("  #   # (also judged on the running service: prodready gate --probe URL)");
            }
            text.AppendLine("  #   attest:");
            text.AppendLine("  #     status: pass");
            text.AppendLine("  #     by: someone@example.com");
            text.AppendLine($"  #     date: {Ids.Day(today)}");
            text.AppendLine("  #     evidence: https://link.to/the/record");
        }
        return text.ToString();
    }

    private static string GitHubWorkflow(string toolVersion) => $$"""
        # Runs the ProdReady gate on every push and pull request, and uploads its SARIF to code scanning.
        name: production readiness

        on:
          push:
            branches: [main]
          pull_request:

        permissions:
          contents: read
          security-events: write   # upload SARIF

        jobs:
          prodready:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v4
              - uses: actions/setup-dotnet@v4
                with:
                  dotnet-version: "10.0.x"
              - name: Install ProdReady
                run: dotnet tool install --global ProdReady.Cli --version {{toolVersion}}
              - name: Gate
                # Add --baseline .prodready/baseline.json to fail only on what got worse (see `prodready gate --help`).
                run: prodready gate --no-history --sarif prodready.sarif --junit prodready-junit.xml --markdown "$GITHUB_STEP_SUMMARY"
              - name: Upload SARIF
                if: always()
                uses: github/codeql-action/upload-sarif@v3
                with:
                  sarif_file: prodready.sarif
                  category: prodready

        """;

    /// <summary>The GitLab CI job with the same steps, printed for teams on GitLab.</summary>
    public static string GitLabJob(string toolVersion) => $$"""
        prodready:
          image: mcr.microsoft.com/dotnet/sdk:10.0
          script:
            - dotnet tool install --global ProdReady.Cli --version {{toolVersion}}
            - export PATH="$PATH:$HOME/.dotnet/tools"
            - prodready gate --no-history --sarif gl-prodready.sarif --junit prodready-junit.xml --markdown prodready.md
          artifacts:
            when: always
            reports:
              junit: prodready-junit.xml
            paths: [gl-prodready.sarif, prodready.md]

        """;

    private static string StackSummary(DetectedStack stack)
    {
        var parts = new[]
        {
            string.Join(", ", stack.Ecosystems),
            string.Join(", ", stack.Frameworks),
            string.Join(", ", stack.Kinds),
            stack.DeployTargets.Count > 0 ? "deploys with " + string.Join(", ", stack.DeployTargets) : "",
        };
        var line = string.Join("; ", parts.Where(part => part.Length > 0));
        return line.Length == 0 ? "nothing recognisable yet" : line;
    }

    private static string? KindName(string kind) => kind == ServiceKind.HttpApi ? "api" : kind;

    /// <summary>A YAML plain scalar when safe (a letter or digit first: '@' cannot start one), else single-quoted.</summary>
    private static string Scalar(string text) =>
        text.Length > 0 && char.IsAsciiLetterOrDigit(text[0]) && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '@' or '/')
            ? text
            : "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
