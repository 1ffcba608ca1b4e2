using ProdReady.Scanning.Paths;

namespace ProdReady.Tests.Primitives;

public class GlobTests
{
    [Theory]
    // No '/': a file name at any depth.
    [InlineData("RUNBOOK.md", "RUNBOOK.md", true)]
    [InlineData("RUNBOOK.md", "docs/ops/runbook.MD", true)]
    [InlineData("RUNBOOK.md", "docs/RUNBOOK.md.bak", false)]
    [InlineData("*.tf", "infra/prod/main.tf", true)]
    [InlineData("*.tf", "main.tfvars", false)]
    [InlineData("docker-compose*.y*ml", "deploy/docker-compose.prod.yaml", true)]
    [InlineData("Dockerfile*", "svc/Dockerfile.dev", true)]
    [InlineData("?.md", "a.md", true)]
    [InlineData("?.md", "ab.md", false)]
    // '*' never crosses '/'.
    [InlineData("src/*.ts", "src/index.ts", true)]
    [InlineData("src/*.ts", "src/app/index.ts", false)]
    [InlineData("src/*.ts", "lib/src/index.ts", false)]
    // '**' is zero or more whole segments.
    [InlineData("docs/**/runbook*.md", "docs/runbook.md", true)]
    [InlineData("docs/**/runbook*.md", "docs/a/b/runbook-api.md", true)]
    [InlineData("docs/**/runbook*.md", "other/docs/runbook.md", false)]
    [InlineData("**/nginx*.conf", "nginx.conf", true)]
    [InlineData("**/nginx*.conf", "deploy/nginx/nginx-prod.conf", true)]
    [InlineData("src/**", "src/a/b.cs", true)]
    [InlineData("src/**", "srcx/a.cs", false)]
    [InlineData("**/test/**/*.py", "pkg/test/unit/test_api.py", true)]
    [InlineData("**/test/**/*.py", "pkg/tests/test_api.py", false)]
    [InlineData("a/**/b/**/c", "a/x/b/y/z/c", true)]
    [InlineData("a/**/b/**/c", "a/b/c", true)]
    [InlineData("a/**/b/**/c", "a/c/b", false)]
    [InlineData("a**b/x", "aZZb/x", true)]
    // A leading '/' anchors; a name-only pattern with it matches the root only.
    [InlineData("/Makefile", "Makefile", true)]
    [InlineData("/Makefile", "sub/Makefile", false)]
    [InlineData("./Makefile", "Makefile", true)]
    [InlineData("./Makefile", "sub/Makefile", false)]
    [InlineData("**", "a/b/c.txt", true)]
    [InlineData("*", "a/b/c.txt", true)]
    // Classes.
    [InlineData("requirements[-_]*.txt", "requirements-dev.txt", true)]
    [InlineData("requirements[-_]*.txt", "requirements.txt", false)]
    [InlineData("log[0-9].txt", "log7.txt", true)]
    [InlineData("log[!0-9].txt", "log7.txt", false)]
    [InlineData("log[!0-9].txt", "logx.txt", true)]
    [InlineData("[A-C]*.md", "b.md", true)]
    [InlineData("[]x].md", "].md", true)]
    // Alternatives, which may hold '*' and '/'.
    [InlineData("*.{js,ts}", "src/a.ts", true)]
    [InlineData("*.{js,ts}", "src/a.py", false)]
    [InlineData("{src,lib}/**/*.go", "lib/x/y.go", true)]
    [InlineData("{src/*.py,tests/**}", "tests/a/b.txt", true)]
    [InlineData("{src/*.py,tests/**}", "src/app/x.py", false)]
    [InlineData("{docker-,}compose*.{yml,yaml}", "compose.yaml", true)]
    [InlineData("{docker-,}compose*.{yml,yaml}", "ops/docker-compose.dev.yml", true)]
    [InlineData("a.{x,{y,z}}", "a.z", true)]
    // Trailing '/' is everything below; escapes are literal.
    [InlineData("docs/", "docs/a/b.md", true)]
    [InlineData("file\\*.txt", "file*.txt", true)]
    [InlineData("file\\*.txt", "fileX.txt", false)]
    public void Matches(string pattern, string path, bool expected) => Assert.Equal(expected, Glob.Parse(pattern).IsMatch(path));

    [Theory]
    [InlineData("src/[a-z.ts", "'[' at position 4 has no closing ']'")]
    [InlineData("*.{js,ts", "'{' at position 2 has no closing '}'")]
    [InlineData("*.js}", "'}' at position 4 has no opening '{'")]
    [InlineData("file\\", "ends with a lone '\\'")]
    [InlineData("", "empty")]
    public void RejectsInvalidPatterns(string pattern, string reason)
    {
        var error = Assert.Throws<FormatException>(() => Glob.Parse(pattern));
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void RejectsBraceExplosion()
    {
        var pattern = string.Concat(Enumerable.Repeat("{a,b}", 10));
        Assert.Contains("more than 256 alternatives", Assert.Throws<FormatException>(() => Glob.Parse(pattern)).Message);
    }

    [Fact]
    public void KeepsThePattern() => Assert.Equal("src/**/*.cs", Glob.Parse("src/**/*.cs").Pattern);

    [Fact]
    public void HandlesDeepPaths()
    {
        var deep = string.Join('/', Enumerable.Range(0, 100).Select(i => $"d{i}")) + "/app.py";
        Assert.True(Glob.Parse("d0/**/d99/*.py").IsMatch(deep));
        Assert.False(Glob.Parse("d0/**/d100/*.py").IsMatch(deep));
    }
}
