using ProdReady.Scanning.Manifests.Toml;

namespace ProdReady.Tests.Manifests;

public class TomlReaderTests
{
    private static TomlTable ParseValid(string text)
    {
        var document = TomlReader.Parse(text);
        Assert.Null(document.Error);
        return document.Root;
    }

    private static string Text(TomlNode? node) => Assert.IsType<TomlScalar>(node).Text;

    [Fact]
    public void ReadsTablesKeysAndCommentsWithTheirLines()
    {
        var root = ParseValid("""
            # a comment
            title = "demo" # trailing comment

            [server]
            host = 'localhost'
            port = 8080
            enabled = true
            """);

        Assert.Equal("demo", Text(root["title"]));
        Assert.Equal(2, root["title"]!.Line);
        var server = root.TableAt("server")!;
        Assert.Equal(4, server.Line);
        Assert.Equal("localhost", Text(server["host"]));
        Assert.Equal(5, server["host"]!.Line);
        Assert.Equal(("8080", false), (Text(server["port"]), ((TomlScalar)server["port"]!).IsString));
        Assert.Equal("true", Text(server["enabled"]));
    }

    [Fact]
    public void ReadsDottedAndQuotedKeysInHeadersAndAssignments()
    {
        var root = ParseValid("""
            [tool.poetry."group".dev.dependencies]
            pytest = "^8.0"
            site."google.com" = true
            a . b = 1
            """);

        var dependencies = root.TableAt("tool", "poetry", "group", "dev", "dependencies")!;
        Assert.Equal("^8.0", Text(dependencies["pytest"]));
        Assert.Equal(2, dependencies["pytest"]!.Line);
        Assert.Equal("true", Text(dependencies.TableAt("site")!["google.com"]));
        Assert.Equal("1", Text(dependencies.TableAt("a")!["b"]));
    }

    [Fact]
    public void AnImplicitTableCanBeDefinedLaterByItsOwnHeader()
    {
        var root = ParseValid("""
            [a.b]
            x = 1

            [a]
            y = 2
            """);

        Assert.Equal(4, root.TableAt("a")!.Line);
        Assert.Equal("2", Text(root.TableAt("a")!["y"]));
        Assert.Equal("1", Text(root.TableAt("a", "b")!["x"]));
    }

    [Fact]
    public void ReadsArraysOfTables()
    {
        var root = ParseValid("""
            [[tool.source]]
            name = "first"

            [[tool.source]]
            name = "second"
            [tool.source.auth]
            user = "me"
            """);

        var sources = Assert.IsType<TomlArray>(root.TableAt("tool")!["source"]);
        Assert.Equal(["first", "second"], sources.Items.Select(item => Text(((TomlTable)item)["name"])));
        Assert.Equal([1, 4], sources.Items.Select(item => item.Line));
        Assert.Equal("me", Text(((TomlTable)sources.Items[1]).TableAt("auth")!["user"]));
    }

    [Fact]
    public void ReadsArraysSpanningLinesWithCommentsAndTrailingCommas()
    {
        var root = ParseValid("""
            dependencies = [
                "fastapi>=0.110",  # web
                # "commented-out",
                'uvicorn[standard]',
                [1, 2],
            ]
            empty = []
            """);

        var items = Assert.IsType<TomlArray>(root["dependencies"]).Items;
        Assert.Equal(["fastapi>=0.110", "uvicorn[standard]"], items.OfType<TomlScalar>().Select(item => item.Text));
        Assert.Equal([2, 4, 5], items.Select(item => item.Line));
        Assert.Empty(Assert.IsType<TomlArray>(root["empty"]).Items);
    }

    [Fact]
    public void ReadsInlineTables()
    {
        var root = ParseValid("""
            uvicorn = { version = "^0.30", extras = ["standard"], source.name = "pypi" }
            empty = {}
            """);

        var uvicorn = root.TableAt("uvicorn")!;
        Assert.Equal("^0.30", Text(uvicorn["version"]));
        Assert.Equal("standard", Text(Assert.IsType<TomlArray>(uvicorn["extras"]).Items[0]));
        Assert.Equal("pypi", Text(uvicorn.TableAt("source")!["name"]));
        Assert.Empty(root.TableAt("empty")!.Entries);
    }

    [Fact]
    public void ReadsEscapesAndMultiLineStrings()
    {
        var root = ParseValid("""""
            basic = "tab\there \"quoted\" \u00e9 \U0001F600"
            literal = 'C:\path\no-escapes'
            multi = """
            first
            second"""
            trimmed = """one \
                  # two"""
            raw = '''
            keep \n as is'''
            quotes = """a "quoted" word""""
            after = 1
            """"");

        Assert.Equal("tab\there \"quoted\" \u00e9 \U0001F600", Text(root["basic"]));
        Assert.Equal(@"C:\path\no-escapes", Text(root["literal"]));
        Assert.Equal("first\nsecond", Text(root["multi"]));
        Assert.Equal("one # two", Text(root["trimmed"]));
        Assert.Equal(@"keep \n as is", Text(root["raw"]));
        Assert.Equal("a \"quoted\" word\"", Text(root["quotes"]));
        Assert.Equal(11, root["after"]!.Line);
    }

    [Fact]
    public void KeepsNumbersBooleansAndDatesAsText()
    {
        var root = ParseValid("""
            int = -1_000
            hex = 0xDEAD
            float = 6.626e-34
            infinity = -inf
            date = 1979-05-27
            datetime = 1979-05-27 07:32:00Z
            local = 07:32:00
            """);

        Assert.Equal(["-1_000", "0xDEAD", "6.626e-34", "-inf", "1979-05-27", "1979-05-27 07:32:00Z", "07:32:00"],
            root.Entries.Select(entry => Text(entry.Value)));
    }

    [Fact]
    public void AcceptsWindowsLineEndings()
    {
        var root = ParseValid("[a]\r\nx = \"1\"\r\n\r\n[b]\r\ny = [\r\n  2,\r\n]\r\n");

        Assert.Equal(4, root.TableAt("b")!.Line);
        Assert.Equal(6, Assert.IsType<TomlArray>(root.TableAt("b")!["y"]).Items[0].Line);
    }

    [Theory]
    [InlineData("a = 1\nb = \"open\nc = 2", 2, "unterminated string")]
    [InlineData("[project]\nname = demo\n", 2, "invalid value 'demo' (strings need quotes)")]
    [InlineData("a = 1\nb 2\n", 2, "expected '=' after the key 'b', found '2'")]
    [InlineData("a = 1\na = 2\n", 2, "'a' is already defined")]
    [InlineData("[a]\nx = 1\n[a]\n", 3, "'a' is already defined")]
    [InlineData("a = 1\n[a.b]\n", 2, "'a' is already defined as a value")]
    [InlineData("x = [\n  1,\n  2\n", 1, "array is not closed")]
    [InlineData("x = [1 2]", 1, "expected ',' or ']' in the array, found '2'")]
    [InlineData("x = { a = 1\ny = 2", 1, "inline table is not closed on its line")]
    [InlineData("x = 1 y = 2", 1, "unexpected 'y' after a value (one key or header per line)")]
    [InlineData("[a\nx = 1", 1, "expected ']' to close the table header")]
    [InlineData("\n\nx = \"\"\"never closed\n", 3, "unterminated multi-line string")]
    [InlineData("x = \"bad \\q escape\"", 1, "invalid escape '\\q'")]
    [InlineData("x =\n", 1, "expected a value")]
    [InlineData("t = {a = 1}\n[t.b]\n", 2, "'t' is already defined as a value")]
    public void ReportsTheLineOfASyntaxError(string text, int line, string message)
    {
        var document = TomlReader.Parse(text);

        Assert.Equal(new TomlError(line, message), document.Error);
    }

    [Fact]
    public void HostileNestingIsASyntaxErrorNotAStackOverflow()
    {
        var document = TomlReader.Parse("[project]\ndependencies = " + new string('[', 100_000) + new string(']', 100_000));

        Assert.Equal(new TomlError(2, "arrays and inline tables nest deeper than 128 levels"), document.Error);
    }

    [Fact]
    public void KeepsWhatWasReadBeforeASyntaxError()
    {
        var document = TomlReader.Parse("""
            [packages]
            requests = "*"
            flask = 
            django = "*"
            """);

        Assert.Equal(3, document.Error?.Line);
        Assert.Equal(["requests"], document.Root.TableAt("packages")!.Entries.Select(entry => entry.Key));
    }

    [Fact]
    public void KeepsTheItemsOfAnArrayReadBeforeAnErrorInIt()
    {
        var document = TomlReader.Parse("""
            deps = [
                "a",
                { name = "b" },
                "c" "d",
            ]
            """);

        Assert.Equal(4, document.Error?.Line);
        var items = Assert.IsType<TomlArray>(document.Root["deps"]).Items;
        Assert.Equal(["a", "c"], items.OfType<TomlScalar>().Select(item => item.Text));
        Assert.Equal("b", Text(Assert.IsType<TomlTable>(items[1])["name"]));
    }
}
