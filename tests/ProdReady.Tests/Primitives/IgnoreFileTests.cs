using ProdReady.Scanning.Paths;

namespace ProdReady.Tests.Primitives;

public class IgnoreFileTests
{
    private const string NodeGitignore = """
        # dependencies
        node_modules/
        /dist
        *.log
        !important.log

        .env
        .env.*
        !.env.example
        coverage/**
        !coverage/keep/
        docs/**/generated
        build/*.map
        """;

    private static IgnoreVerdict Match(string content, string path, bool isDirectory = false, string directory = "") =>
        IgnoreFile.Parse(directory, content).Match(path, isDirectory);

    [Theory]
    [InlineData("node_modules", true, IgnoreVerdict.Ignored)]
    [InlineData("packages/web/node_modules", true, IgnoreVerdict.Ignored)]
    [InlineData("node_modules", false, IgnoreVerdict.None)] // trailing '/': directories only
    [InlineData("dist", true, IgnoreVerdict.Ignored)]
    [InlineData("packages/web/dist", true, IgnoreVerdict.None)] // leading '/': this folder only
    [InlineData("server.log", false, IgnoreVerdict.Ignored)]
    [InlineData("logs/deep/app.log", false, IgnoreVerdict.Ignored)]
    [InlineData("logs/important.log", false, IgnoreVerdict.Included)]
    [InlineData(".env", false, IgnoreVerdict.Ignored)]
    [InlineData("config/.env.production", false, IgnoreVerdict.Ignored)]
    [InlineData(".env.example", false, IgnoreVerdict.Included)]
    [InlineData("coverage", true, IgnoreVerdict.None)] // "coverage/**" is what is inside, not the folder
    [InlineData("coverage/lcov.info", false, IgnoreVerdict.Ignored)]
    [InlineData("coverage/keep", true, IgnoreVerdict.Included)]
    [InlineData("docs/generated", true, IgnoreVerdict.Ignored)]
    [InlineData("docs/api/v1/generated", false, IgnoreVerdict.Ignored)]
    [InlineData("src/docs/generated", false, IgnoreVerdict.None)] // a middle '/' anchors too
    [InlineData("build/app.js.map", false, IgnoreVerdict.Ignored)]
    [InlineData("build/js/app.js.map", false, IgnoreVerdict.None)] // '*' stays in its segment
    [InlineData("src/index.ts", false, IgnoreVerdict.None)]
    public void AppliesGitRules(string path, bool isDirectory, IgnoreVerdict expected) =>
        Assert.Equal(expected, Match(NodeGitignore, path, isDirectory));

    [Fact]
    public void LastMatchingLineWins()
    {
        const string content = "*.txt\n!keep.txt\nkeep.txt\n";
        Assert.Equal(IgnoreVerdict.Ignored, Match(content, "keep.txt"));
        Assert.Equal(IgnoreVerdict.Included, Match("keep.txt\n*.txt\n!keep.txt", "keep.txt"));
    }

    [Fact]
    public void CommentsBlankLinesAndEscapes()
    {
        const string content = "# comment.txt\n\n   \n\\#hash.txt\n\\!bang.txt\n";
        Assert.Equal(IgnoreVerdict.None, Match(content, "# comment.txt"));
        Assert.Equal(IgnoreVerdict.Ignored, Match(content, "#hash.txt"));
        Assert.Equal(IgnoreVerdict.Ignored, Match(content, "!bang.txt"));
        Assert.Equal(IgnoreVerdict.None, Match(content, "bang.txt"));
    }

    [Fact]
    public void TrailingSpacesAreTrimmedUnlessEscaped()
    {
        Assert.Equal(IgnoreVerdict.Ignored, Match("secret.txt   \n", "secret.txt"));
        Assert.Equal(IgnoreVerdict.Ignored, Match("odd\\ \n", "odd "));
        Assert.Equal(IgnoreVerdict.None, Match("odd\\ \n", "odd"));
    }

    [Fact]
    public void CrlfLinesWork() => Assert.Equal(IgnoreVerdict.Ignored, Match("bin/\r\nobj/\r\n", "src/Api/obj", isDirectory: true));

    [Theory]
    [InlineData("**/logs", "logs", true)]
    [InlineData("**/logs", "a/b/logs", true)]
    [InlineData("**/logs/debug.log", "x/logs/debug.log", true)]
    [InlineData("a/**/b", "a/b", true)]
    [InlineData("a/**/b", "a/x/y/b", true)]
    [InlineData("a/**/b", "x/a/b", false)]
    [InlineData("abc/**", "abc/x/y", true)]
    [InlineData("abc/**", "abc", false)]
    [InlineData("debug?.log", "debug1.log", true)]
    [InlineData("debug[0-9].log", "debugA.log", false)]
    [InlineData("debug[!01].log", "debug2.log", true)]
    [InlineData("*.LOG", "a.log", false)] // case-sensitive, as git is by default
    [InlineData("broken[", "broken[", false)] // git never matches an unclosed '['
    public void Wildcards(string pattern, string path, bool ignored) =>
        Assert.Equal(ignored ? IgnoreVerdict.Ignored : IgnoreVerdict.None, Match(pattern, path));

    [Fact]
    public void NestedFileIsRelativeToItsFolder()
    {
        var nested = IgnoreFile.Parse("services/api", "/tmp\nfixtures/*.json\n*.pyc\n");
        Assert.Equal("services/api", nested.Directory);
        Assert.Equal(IgnoreVerdict.Ignored, nested.Match("services/api/tmp", isDirectory: true));
        Assert.Equal(IgnoreVerdict.None, nested.Match("tmp", isDirectory: true));
        Assert.Equal(IgnoreVerdict.Ignored, nested.Match("services/api/fixtures/user.json", false));
        Assert.Equal(IgnoreVerdict.Ignored, nested.Match("services/api/pkg/mod.pyc", false));
        Assert.Equal(IgnoreVerdict.None, nested.Match("services/apigw/mod.pyc", false));
        Assert.Equal(IgnoreVerdict.None, nested.Match("services/api", isDirectory: true));
    }

    [Fact]
    public void EmptyAndNegationOnlyLinesMatchNothing() =>
        Assert.Equal(IgnoreVerdict.None, Match("!\n/\n#\n", "anything"));
}
