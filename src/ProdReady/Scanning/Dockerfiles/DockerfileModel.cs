using ProdReady.Model;

namespace ProdReady.Scanning.Dockerfiles;

/// <summary>One Dockerfile instruction.</summary>
/// <param name="Keyword">Upper-case ("RUN").</param>
/// <param name="Arguments">Everything after the keyword, continuation lines joined as Docker joins them; a heredoc's
/// body follows on new lines.</param>
/// <param name="Line">1-based line of the instruction's first line.</param>
/// <param name="Text">The first line, trimmed, for excerpts.</param>
public sealed record DockerInstruction(string Keyword, string Arguments, int Line, string Text);

/// <summary>A build stage: a FROM and the instructions up to the next FROM.</summary>
/// <param name="BaseImage">The FROM image without flags such as --platform, with global ARG defaults substituted where
/// known (an unresolved variable stays as written, e.g. "${BASE}").</param>
/// <param name="Alias">The name after AS, if any.</param>
/// <param name="Line">Line of the FROM.</param>
/// <param name="Instructions">The stage's instructions, starting with its FROM.</param>
public sealed record DockerStage(string BaseImage, string? Alias, int Line, IReadOnlyList<DockerInstruction> Instructions)
{
    /// <summary>The stage's FROM instruction.</summary>
    public DockerInstruction From => Instructions[0];
}

/// <summary>A parsed Dockerfile. <see cref="GlobalArgs"/> are the ARGs before the first FROM.</summary>
public sealed record DockerfileModel(
    IReadOnlyList<DockerStage> Stages,
    IReadOnlyList<DockerInstruction> GlobalArgs,
    IReadOnlyList<Diagnostic> Diagnostics);
