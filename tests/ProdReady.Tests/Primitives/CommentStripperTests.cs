using ProdReady.Scanning;
using ProdReady.Scanning.Content;

namespace ProdReady.Tests.Primitives;

public class CommentStripperTests
{
    /// <summary>The text with each given comment (first occurrence, in order) replaced by spaces, line breaks kept.</summary>
    private static string Erased(string text, params string[] comments)
    {
        var chars = text.ToCharArray();
        int from = 0;
        foreach (var comment in comments)
        {
            int at = text.IndexOf(comment, from, StringComparison.Ordinal);
            Assert.True(at >= 0, $"test setup: '{comment}' not in text");
            for (int i = at; i < at + comment.Length; i++)
            {
                chars[i] = chars[i] is '\n' or '\r' ? chars[i] : ' ';
            }
            from = at + comment.Length;
        }
        return new string(chars);
    }

    private static void AssertBlanks(string language, string text, params string[] comments) =>
        Assert.Equal(Erased(text, comments), CommentStripper.Blank(text, language));

    private static void AssertUnchanged(string language, string text) => Assert.Same(text, CommentStripper.Blank(text, language));

    [Fact]
    public void JavaScriptLineAndBlockComments() => AssertBlanks(Languages.JavaScript,
        "// app.use(helmet())\nconst app = express(); /* inline */ app.listen(3000);\n",
        "// app.use(helmet())", "/* inline */");

    [Fact]
    public void MultiLineBlockCommentKeepsLineBreaks()
    {
        const string text = "a();\n/* first\r\n   second\n   third */\nb();\n";
        var blanked = CommentStripper.Blank(text, Languages.TypeScript);
        Assert.Equal("a();\n        \r\n         \n           \nb();\n", blanked);
        Assert.Equal(text.Split('\n').Length, blanked.Split('\n').Length);
    }

    [Fact]
    public void JavaScriptStringsKeepMarkers() => AssertBlanks(Languages.JavaScript,
        "fetch(\"http://example.com/*x*/\"); const s = 'it\\'s // here'; // real\n",
        "// real");

    [Fact]
    public void JavaScriptTemplateLiteralWithHoles() => AssertBlanks(Languages.TypeScript,
        "const u = `http://${host}/${items.map(i => `/*${i}*/`).join(\"}\")}`; // c\n",
        "// c");

    [Fact]
    public void JavaScriptRegexLiteralsAreNotComments() => AssertBlanks(Languages.JavaScript,
        "const open = /\\/\\*/g; const quote = s.replace(/'/g, \"\"); // c\nif (x) return /[/]/.test(y); /* d */\n",
        "// c", "/* d */");

    [Fact]
    public void JavaScriptDivisionIsNotARegex() => AssertBlanks(Languages.JavaScript,
        "const half = total / 2; const ratio = a / b; // ratio\n",
        "// ratio");

    [Fact]
    public void UnterminatedSingleLineStringEndsAtLineBreak() => AssertBlanks(Languages.JavaScript,
        "const s = \"abc // inside a broken string\n// a real comment\n",
        "// a real comment");

    [Fact]
    public void UnterminatedBlockCommentRunsToEnd() => AssertBlanks(Languages.Java,
        "int x = 1; /* never closed\nint y = 2;",
        "/* never closed\nint y = 2;");

    [Fact]
    public void UnterminatedTemplateRunsToEnd() => AssertUnchanged(Languages.JavaScript, "const t = `open // still template\n/* too */");

    [Fact]
    public void CSharpVerbatimRawAndInterpolatedStrings() => AssertBlanks(Languages.CSharp,
        """"
        var path = @"C:\temp\"; // a
        var quoted = @"say ""//hi"" /*x*/";
        var raw = """
            { "url": "http://x" } // raw "" quotes
            """;
        var text = $"{(ok ? "a" : "/*b*/")} // {{literal}}"; /* b */
        var both = $@"{name}\" // c
        """",
        "// a", "/* b */", "// c");

    [Fact]
    public void CSharpCharLiteralsAndInterpolatedRaw() => AssertBlanks(Languages.CSharp,
        "var q = '\"'; var s = '\\''; // c\nvar r = $$\"\"\"{{x}} // not \"\"\"; // d\n",
        "// c", "// d");

    [Fact]
    public void GoRawStringsAndRunes() => AssertBlanks(Languages.Go,
        "re := `^/*[a-z]+//$` // c\nslash := '/' /* d */\nurl := \"http://x\"\n",
        "// c", "/* d */");

    [Fact]
    public void JavaTextBlock() => AssertBlanks(Languages.Java,
        "String json = \"\"\"\n    {\"a\": \"/* x */\"} // not\n    \\\"\"\" still\n    \"\"\"; // c\n",
        "// c");

    [Fact]
    public void KotlinBlockCommentsNest() => AssertBlanks(Languages.Kotlin,
        "/* outer /* inner */ still outer */ val x = \"\"\"// raw\"\"\" // c\n",
        "/* outer /* inner */ still outer */", "// c");

    [Fact]
    public void PythonHashCommentsAndStrings() => AssertBlanks(Languages.Python,
        "# app.add_middleware(CORSMiddleware)\nurl = \"http://x/#frag\"  # c\np = r'\\'#' + f\"{a}#\" + b'#' # d\n",
        "# app.add_middleware(CORSMiddleware)", "# c", "# d");

    [Fact]
    public void PythonTripleQuotedStrings() => AssertBlanks(Languages.Python,
        "doc = \"\"\"\n# not a comment\nit's \"quoted\"\n\"\"\"\nx = '''# no''' # yes\ns = 'a'\n",
        "# yes");

    [Fact]
    public void PythonDocstringsAreDocumentationLikeComments() => AssertBlanks(Languages.Python,
        "\"\"\"Module doc: app.add_middleware(CORSMiddleware)\"\"\"\n" +
        "def sign():\n    r\"\"\"\n    Returns {\"credential\": \"AKIA.../aws4_request\"}\n    \"\"\"\n    return 1\n" +
        "    '''a note'''  # c\n",
        "\"\"\"Module doc: app.add_middleware(CORSMiddleware)\"\"\"",
        "\"\"\"\n    Returns {\"credential\": \"AKIA.../aws4_request\"}\n    \"\"\"",
        "'''a note'''", "# c");

    [Fact]
    public void PythonTripleQuotedOperandsAreNotDocstrings() => AssertUnchanged(Languages.Python,
        "query = (\n    \"\"\"SELECT 1\"\"\"\n)\ncursor.execute(\n    \"\"\"SELECT 2\"\"\",\n    args,\n)\n" +
        "text = \"\"\"\nbody\n\"\"\"\nhtml = \"\"\"<p>\"\"\".format(x)\n");

    [Fact]
    public void PythonUnterminatedTripleQuoteRunsToEnd() =>
        AssertUnchanged(Languages.Python, "x = 1\ns = \"\"\"never closed\n# inside the string\n");

    [Fact]
    public void YamlCommentsNeedLeadingSpace() => AssertBlanks(Languages.Yaml,
        "# top\nurl: http://host/#anchor # c\nname: it's # d\nmsg: \"a # b\" # e\nlist: ['x # y', 'don''t # z'] # f\n",
        "# top", "# c", "# d", "# e", "# f");

    [Fact]
    public void TomlStrings() => AssertBlanks(Languages.Toml,
        "a = \"x # y\" # c\nb = '''\n# not\n'''\npath = 'C:\\dir\\' # d\nc = 1#e\n",
        "# c", "# d", "#e");

    [Fact]
    public void ShellAndDockerfileComments()
    {
        AssertBlanks(Languages.Shell,
            "#!/bin/sh\necho \"#not\" '# not' ${#items[@]} a#b \\# # c\n",
            "#!/bin/sh", "# c");
        AssertBlanks(Languages.Dockerfile,
            "# syntax=docker/dockerfile:1\nFROM node:20\n# USER node\nRUN echo \"a # b\" # c\n",
            "# syntax=docker/dockerfile:1", "# USER node", "# c");
    }

    [Fact]
    public void SqlComments() => AssertBlanks(Languages.Sql,
        "SELECT '--not', \"col--x\" FROM t -- c\n/* d\n */ WHERE note = 'it''s -- no';\n",
        "-- c", "/* d\n */");

    [Fact]
    public void XmlAndMarkdownComments()
    {
        AssertBlanks(Languages.Xml,
            "<Project><!-- <PackageReference Include=\"Polly\" /> --><![CDATA[ <!-- kept --> ]]></Project>",
            "<!-- <PackageReference Include=\"Polly\" /> -->");
        AssertBlanks(Languages.Markdown, "# Runbook\n<!-- TODO\nwrite --> text", "<!-- TODO\nwrite -->");
    }

    [Theory]
    [InlineData(Languages.Json, "{\"url\": \"http://x\" // c\n}")]
    [InlineData(Languages.Text, "# not a comment // nor this")]
    [InlineData("unknown", "/* x */")]
    [InlineData(Languages.JavaScript, "const url = 'http://example.com';")]
    [InlineData(Languages.Python, "")]
    public void ReturnsSameInstanceWhenNothingIsBlanked(string language, string text) => AssertUnchanged(language, text);

    [Fact]
    public void DeeplyNestedHolesDoNotOverflow()
    {
        var text = string.Concat(Enumerable.Repeat("`${", 5000)) + " // c";
        Assert.Equal(text.Length, CommentStripper.Blank(text, Languages.JavaScript).Length);
    }
}
