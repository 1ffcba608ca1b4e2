using ProdReady.Tests.Integration;

namespace ProdReady.Tests.Support;

/// <summary>A copy of a sample in its own git repository, so scans have commits and history has something to key on.</summary>
public static class GitCopy
{
    private static readonly TimeSpan GitTimeout = TimeSpan.FromMinutes(1);

    /// <summary>Copies samples/<paramref name="sample"/> to <paramref name="to"/> (without any history earlier test runs left in it) and commits it.</summary>
    public static async Task OfSample(string sample, string to)
    {
        var from = RepositoryRoot.Samples(sample);
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            if (relative.StartsWith(".prodready", StringComparison.Ordinal))
            {
                continue;
            }
            var target = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        await Git(to, "init", "-q", "-b", "main");
        await Git(to, "config", "user.name", "ProdReady Tests");
        await Git(to, "config", "user.email", "tests@prodready.invalid");
        await Commit(to, "the sample as it is");
    }

    public static async Task Commit(string repo, string message)
    {
        await Git(repo, "add", "-A");
        await Git(repo, "commit", "-q", "-m", message);
    }

    private static Task Git(string repo, params string[] args) => ExternalCommand.Run(repo, GitTimeout, "git", args);
}
