using ProdReady.Model;
using ProdReady.Scanning;

namespace ProdReady.Tests.Primitives;

public class LanguagesTests
{
    [Theory]
    [InlineData("src/index.js", Languages.JavaScript)]
    [InlineData("lib/module.MJS", Languages.JavaScript)]
    [InlineData("config.cjs", Languages.JavaScript)]
    [InlineData("web/App.jsx", Languages.JavaScript)]
    [InlineData("src/server.ts", Languages.TypeScript)]
    [InlineData("web/Page.tsx", Languages.TypeScript)]
    [InlineData("a.mts", Languages.TypeScript)]
    [InlineData("a.cts", Languages.TypeScript)]
    [InlineData("app/main.py", Languages.Python)]
    [InlineData("stubs/x.pyi", Languages.Python)]
    [InlineData("src/Api/Program.cs", Languages.CSharp)]
    [InlineData("cmd/server/main.go", Languages.Go)]
    [InlineData("src/main/java/App.java", Languages.Java)]
    [InlineData("App.kt", Languages.Kotlin)]
    [InlineData("build.gradle.kts", Languages.Kotlin)]
    [InlineData(".github/workflows/ci.yml", Languages.Yaml)]
    [InlineData("k8s/deploy.YAML", Languages.Yaml)]
    [InlineData("package.json", Languages.Json)]
    [InlineData("tsconfig.jsonc", Languages.Json)]
    [InlineData("pyproject.toml", Languages.Toml)]
    [InlineData("pom.xml", Languages.Xml)]
    [InlineData("src/Api/Api.csproj", Languages.Xml)]
    [InlineData("Lib.fsproj", Languages.Xml)]
    [InlineData("Old.vbproj", Languages.Xml)]
    [InlineData("Directory.Packages.props", Languages.Xml)]
    [InlineData("Directory.Build.targets", Languages.Xml)]
    [InlineData("web.config", Languages.Xml)]
    [InlineData("Dockerfile", Languages.Dockerfile)]
    [InlineData("services/api/dockerfile", Languages.Dockerfile)]
    [InlineData("Dockerfile.prod", Languages.Dockerfile)]
    [InlineData("api.Dockerfile", Languages.Dockerfile)]
    [InlineData("worker.dockerfile", Languages.Dockerfile)]
    [InlineData("Containerfile", Languages.Dockerfile)]
    [InlineData("scripts/deploy.sh", Languages.Shell)]
    [InlineData("x.bash", Languages.Shell)]
    [InlineData("x.zsh", Languages.Shell)]
    [InlineData("README.md", Languages.Markdown)]
    [InlineData("docs/guide.markdown", Languages.Markdown)]
    [InlineData("db/migrations/001_init.sql", Languages.Sql)]
    [InlineData("LICENSE", Languages.Text)]
    [InlineData("nginx/nginx.conf", Languages.Text)]
    [InlineData(".env", Languages.Text)]
    [InlineData("Dockerfile.dockerignore", Languages.Text)]
    [InlineData("notes.", Languages.Text)]
    [InlineData("Makefile", Languages.Text)]
    public void DetectsLanguageFromName(string path, string expected) => Assert.Equal(expected, Languages.Detect(path));

    [Theory]
    [InlineData(Languages.JavaScript, Ecosystem.Node)]
    [InlineData(Languages.TypeScript, Ecosystem.Node)]
    [InlineData(Languages.Python, Ecosystem.Python)]
    [InlineData(Languages.CSharp, Ecosystem.DotNet)]
    [InlineData(Languages.Go, Ecosystem.Go)]
    [InlineData(Languages.Java, Ecosystem.Java)]
    [InlineData(Languages.Kotlin, Ecosystem.Java)]
    [InlineData(Languages.Yaml, null)]
    [InlineData(Languages.Dockerfile, null)]
    [InlineData("cobol", null)]
    public void MapsLanguagesToEcosystems(string language, string? ecosystem)
    {
        Assert.Equal(ecosystem, Languages.EcosystemOf(language));
        Assert.Equal(ecosystem is not null, Languages.IsSource(language));
    }

    [Fact]
    public void ListsEveryLanguageOnce()
    {
        Assert.Equal(16, Languages.All.Count);
        Assert.Equal(Languages.All.Count, Languages.All.Distinct().Count());
        Assert.True(Languages.IsKnown("sql"));
        Assert.False(Languages.IsKnown("SQL"));
        Assert.False(Languages.IsKnown("rust"));
    }
}
