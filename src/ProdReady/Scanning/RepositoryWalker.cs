using System.Collections.Concurrent;
using System.IO.Enumeration;
using ProdReady.Model;
using ProdReady.Scanning.Paths;

namespace ProdReady.Scanning;

/// <summary>A file the walk found: repository-relative path with '/', size in bytes.</summary>
public sealed record RepoFile(string Path, long Size, string Language)
{
    /// <summary>Test code or test data (see <see cref="TestFiles"/>); content searches skip it unless a leaf asks.</summary>
    public bool IsTest { get; } = TestFiles.IsTest(Path);
}

public sealed record WalkResult(
    IReadOnlyList<RepoFile> Files,
    IReadOnlyList<string> Directories,
    int Ignored,
    IReadOnlyList<Diagnostic> Diagnostics);

/// <summary>
/// Walks a repository once, level by level with the levels' folders in parallel, honouring .gitignore files
/// (nested ones too), .git/info/exclude, .prodready/ignore and prodready.yml's `ignore`, and skipping vendored and generated folders.
/// Symbolic links are not followed unless asked; when they are, a link back into the walked tree is reported and skipped.
/// </summary>
public static class RepositoryWalker
{
    /// <summary>Folders never worth reading: dependencies, build output, tool caches, VCS data.</summary>
    public static readonly IReadOnlySet<string> SkippedFolders = new HashSet<string>(StringComparer.Ordinal)
    {
        ".git", ".hg", ".svn", "node_modules", "bin", "obj", "dist", ".venv", "venv", "vendor", "__pycache__",
        ".tox", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".next", ".nuxt", ".gradle", "target", "coverage",
        ".terraform", ".idea", ".vs",
        ".prodready", // our own configuration and history are not evidence about the service
    };

    private sealed record Folder(string FullPath, string RealPath, string RelativePath, IReadOnlyList<IgnoreFile> Ignores);

    public static WalkResult Walk(string root, ScanOptions options)
    {
        root = Path.GetFullPath(root);
        var files = new ConcurrentBag<RepoFile>();
        var directories = new ConcurrentBag<string>();
        var diagnostics = new ConcurrentBag<Diagnostic>();
        var visitedRealPaths = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        var rootReal = RealPath(root);
        visitedRealPaths.TryAdd(rootReal, 0);
        var ignored = 0;

        var rootIgnores = new List<IgnoreFile>();
        AddIgnoreFile(root, Path.Combine(".git", "info", "exclude"), "", rootIgnores, diagnostics);
        AddIgnoreFile(root, Path.Combine(".prodready", "ignore"), "", rootIgnores, diagnostics);
        if (options.Ignore.Count > 0)
        {
            rootIgnores.Add(IgnoreFile.Parse("", string.Join('\n', options.Ignore)));
        }

        var level = new List<Folder> { new(root, rootReal, "", rootIgnores) };
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Parallelism) };
        while (level.Count > 0)
        {
            var next = new ConcurrentBag<Folder>();
            Parallel.ForEach(level, parallel, folder =>
            {
                var ignores = WithOwnGitignore(folder, diagnostics);
                foreach (var entry in Enumerate(folder, diagnostics))
                {
                    var relative = folder.RelativePath.Length == 0 ? entry.Name : folder.RelativePath + "/" + entry.Name;
                    if (entry.IsDirectory && SkippedFolders.Contains(entry.Name))
                    {
                        continue;
                    }
                    if (IsIgnored(ignores, relative, entry.IsDirectory))
                    {
                        Interlocked.Increment(ref ignored);
                        continue;
                    }
                    var real = folder.RealPath + "/" + entry.Name;
                    if (entry.IsLink && !TryFollowLink(entry, relative, options, diagnostics, out real))
                    {
                        continue;
                    }
                    if (entry.IsDirectory)
                    {
                        if (!visitedRealPaths.TryAdd(real, 0))
                        {
                            diagnostics.Add(Diagnostic.Warning(relative, 0, $"symbolic link loop (leads back to {real}), skipped"));
                            continue;
                        }
                        directories.Add(relative);
                        next.Add(new Folder(entry.FullPath, real, relative, ignores));
                    }
                    else
                    {
                        files.Add(new RepoFile(relative, entry.Size, Languages.Detect(relative)));
                    }
                }
            });
            level = [.. next];
        }

        return new WalkResult(
            [.. files.OrderBy(file => file.Path, StringComparer.Ordinal)],
            [.. directories.Order(StringComparer.Ordinal)],
            ignored,
            [.. diagnostics.OrderBy(d => d.File, StringComparer.Ordinal)]);
    }

    private readonly record struct Entry(string Name, string FullPath, bool IsDirectory, bool IsLink, long Size);

    private static List<Entry> Enumerate(Folder folder, ConcurrentBag<Diagnostic> diagnostics)
    {
        try
        {
            var enumeration = new FileSystemEnumerable<Entry>(
                folder.FullPath,
                (ref FileSystemEntry entry) => new Entry(
                    entry.FileName.ToString(),
                    entry.ToFullPath(),
                    entry.IsDirectory,
                    (entry.Attributes & FileAttributes.ReparsePoint) != 0,
                    entry.IsDirectory ? 0 : entry.Length),
                new EnumerationOptions { IgnoreInaccessible = false, AttributesToSkip = 0, RecurseSubdirectories = false });
            return [.. enumeration];
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            diagnostics.Add(Diagnostic.Warning(Display(folder.RelativePath), 0, $"cannot list folder: {e.Message}"));
            return [];
        }
    }

    /// <summary>A link is followed only when asked and only to something that exists; the caller stops loops by real path.</summary>
    private static bool TryFollowLink(Entry entry, string relative, ScanOptions options, ConcurrentBag<Diagnostic> diagnostics, out string realPath)
    {
        realPath = "";
        if (!options.FollowSymlinks)
        {
            return false;
        }
        try
        {
            var target = entry.IsDirectory
                ? Directory.ResolveLinkTarget(entry.FullPath, returnFinalTarget: true)
                : File.ResolveLinkTarget(entry.FullPath, returnFinalTarget: true);
            if (target is null || !target.Exists)
            {
                diagnostics.Add(Diagnostic.Warning(relative, 0, "broken symbolic link, skipped"));
                return false;
            }
            realPath = RealPath(target.FullName);
            return true;
        }
        catch (IOException e)
        {
            diagnostics.Add(Diagnostic.Warning(relative, 0, $"cannot follow symbolic link: {e.Message}"));
            return false;
        }
    }

    private static IReadOnlyList<IgnoreFile> WithOwnGitignore(Folder folder, ConcurrentBag<Diagnostic> diagnostics)
    {
        var list = new List<IgnoreFile>(folder.Ignores);
        return AddIgnoreFile(folder.FullPath, ".gitignore", folder.RelativePath, list, diagnostics) ? list : folder.Ignores;
    }

    private static bool AddIgnoreFile(string folder, string name, string relativeFolder, List<IgnoreFile> into, ConcurrentBag<Diagnostic> diagnostics)
    {
        var path = Path.Combine(folder, name);
        if (!File.Exists(path))
        {
            return false;
        }
        try
        {
            into.Add(IgnoreFile.Parse(relativeFolder, File.ReadAllText(path)));
            return true;
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            diagnostics.Add(Diagnostic.Warning(Display(relativeFolder, name), 0, $"cannot read ignore file: {e.Message}"));
            return false;
        }
    }

    /// <summary>Git semantics: the last file with an opinion wins, deeper files coming later.</summary>
    private static bool IsIgnored(IReadOnlyList<IgnoreFile> ignores, string relative, bool isDirectory)
    {
        for (var i = ignores.Count - 1; i >= 0; i--)
        {
            switch (ignores[i].Match(relative, isDirectory))
            {
                case IgnoreVerdict.Ignored:
                    return true;
                case IgnoreVerdict.Included:
                    return false;
            }
        }
        return false;
    }

    private static string RealPath(string path)
    {
        var info = new DirectoryInfo(path);
        return (info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? info.FullName).TrimEnd('/');
    }

    private static string Display(string relativeFolder, string? name = null)
    {
        var folder = relativeFolder.Length == 0 ? "." : relativeFolder;
        return name is null ? folder : $"{folder}/{name.Replace('\\', '/')}";
    }
}
