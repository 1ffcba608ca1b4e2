namespace ProdReady.Scanning.Dockerfiles;

/// <summary>The result of one check on one Dockerfile; Line and Excerpt point where the fix belongs.</summary>
public sealed record DockerCheckOutcome(bool Passed, int Line, string Excerpt, string Message);

/// <summary>The checks the <c>dockerfile</c> detector runs (see docs/rules.md).</summary>
public static class DockerfileChecks
{
    public const string NonRootUser = "non-root-user";
    public const string Healthcheck = "healthcheck";
    public const string PinnedBaseImage = "pinned-base-image";
    public const string MultiStage = "multi-stage";

    public static IReadOnlyList<string> Names { get; } = [NonRootUser, Healthcheck, PinnedBaseImage, MultiStage];

    /// <exception cref="ArgumentException">The check name is not one of <see cref="Names"/>.</exception>
    public static DockerCheckOutcome Run(string check, DockerfileModel model)
    {
        Func<DockerfileModel, DockerCheckOutcome> evaluate = check switch
        {
            NonRootUser => CheckNonRootUser,
            Healthcheck => CheckHealthcheck,
            PinnedBaseImage => CheckPinnedBaseImages,
            MultiStage => CheckMultiStage,
            _ => throw new ArgumentException($"Unknown Dockerfile check '{check}'; known checks: {string.Join(", ", Names)}.", nameof(check)),
        };
        return model.Stages.Count == 0 ? new DockerCheckOutcome(false, 1, "", "no FROM instruction") : evaluate(model);
    }

    // The last USER wins; a final stage built FROM an earlier stage inherits that stage's USER.
    private static DockerCheckOutcome CheckNonRootUser(DockerfileModel model)
    {
        var final = model.Stages[^1];
        foreach (var stage in FinalStageLineage(model))
        {
            int index = LastIndexOf(stage, "USER");
            if (index < 0)
            {
                continue;
            }
            var user = stage.Instructions[index];
            var name = ResolveInStage(model, stage, index, user.Arguments).Trim();
            var account = name.Split(':')[0];
            if (account == "root" || (int.TryParse(account, out int uid) && uid == 0))
            {
                return Fail(user, $"final stage runs as root (USER {name})");
            }
            return Pass(user, stage == final ? $"final stage runs as USER {name}" : $"final stage inherits USER {name} from stage {stage.Alias}");
        }
        var baseImage = FinalStageLineage(model).Last().BaseImage;
        return IsNonRootImage(baseImage)
            ? Pass(final.From, $"final stage has no USER, but base image {baseImage} runs as non-root")
            : Fail(final.From, "final stage has no USER; the container runs as root");
    }

    private static DockerCheckOutcome CheckHealthcheck(DockerfileModel model)
    {
        var final = model.Stages[^1];
        foreach (var stage in FinalStageLineage(model))
        {
            int index = LastIndexOf(stage, "HEALTHCHECK");
            if (index < 0)
            {
                continue;
            }
            var healthcheck = stage.Instructions[index];
            if (DockerVariables.Words(healthcheck.Arguments) is [var first, ..] && first.Equals("NONE", StringComparison.OrdinalIgnoreCase))
            {
                return Fail(healthcheck, "HEALTHCHECK NONE disables the health check");
            }
            return Pass(healthcheck, stage == final ? "final stage declares a HEALTHCHECK" : $"final stage inherits a HEALTHCHECK from stage {stage.Alias}");
        }
        return Fail(final.From, "final stage has no HEALTHCHECK");
    }

    // Stages built on an earlier stage, and scratch, have nothing to pin.
    private static DockerCheckOutcome CheckPinnedBaseImages(DockerfileModel model)
    {
        var unpinned = new List<(DockerStage Stage, string Reason)>();
        int images = 0;
        for (int index = 0; index < model.Stages.Count; index++)
        {
            var stage = model.Stages[index];
            if (EarlierStageNamed(model, stage.BaseImage, index) >= 0 || stage.BaseImage.Equals("scratch", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            images++;
            if (UnpinnedReason(stage.BaseImage) is { } reason)
            {
                unpinned.Add((stage, reason));
            }
        }
        var final = model.Stages[^1];
        if (unpinned.Count == 0)
        {
            return Pass(final.From, images switch
            {
                0 => "every FROM builds on an earlier stage or scratch",
                1 => "the base image is pinned",
                _ => $"all {images} base images are pinned",
            });
        }
        var (first, why) = unpinned[0];
        return Fail(first.From, unpinned.Count == 1 ? why : $"{why} ({unpinned.Count} of {images} base images unpinned)");
    }

    private static DockerCheckOutcome CheckMultiStage(DockerfileModel model)
    {
        var final = model.Stages[^1];
        return model.Stages.Count >= 2
            ? Pass(final.From, $"{model.Stages.Count} build stages")
            : Fail(final.From, "single-stage build; build tools ship in the final image");
    }

    private static string? UnpinnedReason(string image)
    {
        if (image.Length == 0)
        {
            return "FROM names no image";
        }
        if (image.Contains('$'))
        {
            return $"base image {image} depends on a build argument with no default";
        }
        int at = image.IndexOf('@');
        if (at >= 0)
        {
            return image.AsSpan(at).Contains(':') ? null : $"base image {image} has a malformed digest";
        }
        // The tag follows the last ':' of the last path segment; "localhost:5000/app" has a port, not a tag.
        var name = image[(image.LastIndexOf('/') + 1)..];
        int colon = name.IndexOf(':');
        if (colon < 0 || colon == name.Length - 1)
        {
            return $"base image {image} has no tag";
        }
        return name[(colon + 1)..].Equals("latest", StringComparison.OrdinalIgnoreCase) ? $"base image {image} uses the latest tag" : null;
    }

    // Distroless-style tags ("nonroot", "debug-nonroot") name images whose default user is not root.
    private static bool IsNonRootImage(string image)
    {
        var name = image[(image.LastIndexOf('/') + 1)..];
        int colon = name.IndexOf(':');
        return colon >= 0 && name.AsSpan(colon).Contains("nonroot", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The final stage, then the earlier stage it is built FROM, and so on.</summary>
    private static IEnumerable<DockerStage> FinalStageLineage(DockerfileModel model)
    {
        for (int index = model.Stages.Count - 1; index >= 0; index = EarlierStageNamed(model, model.Stages[index].BaseImage, index))
        {
            yield return model.Stages[index];
        }
    }

    private static int EarlierStageNamed(DockerfileModel model, string name, int before)
    {
        for (int index = before - 1; index >= 0; index--)
        {
            if (string.Equals(model.Stages[index].Alias, name, StringComparison.OrdinalIgnoreCase))
            {
                return index;
            }
        }
        return -1;
    }

    private static int LastIndexOf(DockerStage stage, string keyword)
    {
        for (int index = stage.Instructions.Count - 1; index > 0; index--)
        {
            if (stage.Instructions[index].Keyword == keyword)
            {
                return index;
            }
        }
        return -1;
    }

    // Expands variables with the ARG and ENV values the stage declared before the instruction at `index`.
    private static string ResolveInStage(DockerfileModel model, DockerStage stage, int index, string text)
    {
        var globals = new DockerVariables();
        foreach (var arg in model.GlobalArgs)
        {
            globals.Declare(arg);
        }
        var variables = new DockerVariables(globals);
        foreach (var instruction in stage.Instructions.Take(index))
        {
            if (instruction.Keyword is "ARG" or "ENV")
            {
                variables.Declare(instruction);
            }
        }
        return variables.Expand(text);
    }

    private static DockerCheckOutcome Pass(DockerInstruction at, string message) => new(true, at.Line, at.Text, message);

    private static DockerCheckOutcome Fail(DockerInstruction at, string message) => new(false, at.Line, at.Text, message);
}
