using ProdReady.Scanning;
using ProdReady.Tests.Support;

namespace ProdReady.Tests.Scanning;

public class WalkerTests
{
    private static List<string> Paths(string root, ScanOptions? options = null) =>
        [.. RepositoryWalker.Walk(root, options ?? new ScanOptions()).Files.Select(file => file.Path)];

    [Fact]
    public void HonoursNestedGitignoreAndProdreadyIgnore()
    {
        using var repo = new TempRepo(
            (".gitignore", "*.log\n/build/\n"),
            ("app.log", "x"),
            ("build/out.js", "x"),
            ("src/build/keep.ts", "x"),
            ("src/.gitignore", "generated/\n!generated/keep.ts\n"),
            ("src/generated/gen.ts", "x"),
            ("src/index.ts", "x"),
            (".prodready/ignore", "fixtures/\n"),
            ("fixtures/secret.env", "x"));

        var paths = Paths(repo.Root);

        Assert.Equal([".gitignore", "src/.gitignore", "src/build/keep.ts", "src/index.ts"], paths);
    }

    [Fact]
    public void SkipsVendoredAndGeneratedFolders()
    {
        using var repo = new TempRepo(
            ("node_modules/express/index.js", "x"),
            ("bin/Debug/app.dll", "x"),
            ("obj/project.assets.json", "x"),
            ("dist/main.js", "x"),
            (".venv/lib/site.py", "x"),
            ("vendor/github.com/x/y.go", "x"),
            ("cmd/main.go", "package main"));

        Assert.Equal(["cmd/main.go"], Paths(repo.Root));
    }

    [Fact]
    public void ClassifiesLanguagesAndSizes()
    {
        using var repo = new TempRepo(("api/Program.cs", "class P {}"), ("Dockerfile", "FROM scratch"));

        var files = RepositoryWalker.Walk(repo.Root, new ScanOptions()).Files;

        Assert.Equal([("Dockerfile", "dockerfile", 12L), ("api/Program.cs", "csharp", 10L)], files.Select(f => (f.Path, f.Language, f.Size)));
    }

    [Fact]
    public void SymlinkLoopsAreNotFollowedByDefaultAndReportedWhenFollowing()
    {
        using var repo = new TempRepo(("a/b/file.ts", "x"));
        Directory.CreateSymbolicLink(Path.Combine(repo.Root, "a", "b", "loop"), Path.Combine(repo.Root, "a"));

        var plain = RepositoryWalker.Walk(repo.Root, new ScanOptions());
        var following = RepositoryWalker.Walk(repo.Root, new ScanOptions { FollowSymlinks = true });

        Assert.Equal(["a/b/file.ts"], plain.Files.Select(f => f.Path));
        Assert.Empty(plain.Diagnostics);
        Assert.Equal(["a/b/file.ts"], following.Files.Select(f => f.Path));
        var warning = Assert.Single(following.Diagnostics);
        Assert.Equal("a/b/loop", warning.File);
        Assert.Contains("symbolic link loop", warning.Message);
    }

    [Fact]
    public void FollowsALinkToAFolderOutsideTheTree()
    {
        using var outside = new TempRepo(("shared.py", "x = 1"));
        using var repo = new TempRepo(("main.py", "import shared"));
        Directory.CreateSymbolicLink(Path.Combine(repo.Root, "lib"), outside.Root);

        Assert.Equal(["lib/shared.py", "main.py"], Paths(repo.Root, new ScanOptions { FollowSymlinks = true }));
        Assert.Equal(["main.py"], Paths(repo.Root));
    }
}
