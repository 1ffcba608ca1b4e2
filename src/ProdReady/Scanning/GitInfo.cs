namespace ProdReady.Scanning;

/// <summary>Reads the checked-out commit from .git without running git (works in CI images without it).</summary>
public static class GitInfo
{
    public static (string? Commit, string? Branch) Read(string root)
    {
        try
        {
            var gitDir = FindGitDir(Path.GetFullPath(root));
            if (gitDir is null)
            {
                return (null, null);
            }
            var head = File.ReadAllText(Path.Combine(gitDir, "HEAD")).Trim();
            if (!head.StartsWith("ref: ", StringComparison.Ordinal))
            {
                return (IsSha(head) ? head : null, null);
            }
            var reference = head[5..];
            var branch = reference.StartsWith("refs/heads/", StringComparison.Ordinal) ? reference[11..] : reference;
            return (ResolveRef(gitDir, reference), branch);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, null);
        }
    }

    private static string? FindGitDir(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, ".git");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
            if (File.Exists(candidate))
            {
                // A worktree or submodule: ".git" is a file saying "gitdir: <path>".
                var pointer = File.ReadAllText(candidate).Trim();
                if (pointer.StartsWith("gitdir: ", StringComparison.Ordinal))
                {
                    return Path.GetFullPath(Path.Combine(dir.FullName, pointer[8..]));
                }
            }
        }
        return null;
    }

    private static string? ResolveRef(string gitDir, string reference)
    {
        foreach (var dir in CommonDirs(gitDir))
        {
            var loose = Path.Combine(dir, reference);
            if (File.Exists(loose))
            {
                var sha = File.ReadAllText(loose).Trim();
                return IsSha(sha) ? sha : null;
            }
            var packed = Path.Combine(dir, "packed-refs");
            if (File.Exists(packed))
            {
                foreach (var line in File.ReadLines(packed))
                {
                    var parts = line.Split(' ', 2);
                    if (parts.Length == 2 && parts[1] == reference && IsSha(parts[0]))
                    {
                        return parts[0];
                    }
                }
            }
        }
        return null;
    }

    /// <summary>A worktree keeps HEAD in its own folder and refs in the main repository's (named by "commondir").</summary>
    private static IEnumerable<string> CommonDirs(string gitDir)
    {
        yield return gitDir;
        var common = Path.Combine(gitDir, "commondir");
        if (File.Exists(common))
        {
            yield return Path.GetFullPath(Path.Combine(gitDir, File.ReadAllText(common).Trim()));
        }
    }

    private static bool IsSha(string text) => text.Length == 40 && text.All(Uri.IsHexDigit);
}
