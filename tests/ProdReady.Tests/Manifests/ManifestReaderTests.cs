using ProdReady.Model;
using ProdReady.Scanning.Manifests;

namespace ProdReady.Tests.Manifests;

public class ManifestReaderTests
{
    [Theory]
    [InlineData("package.json")]
    [InlineData("apps/web/package.json")]
    [InlineData("requirements.txt")]
    [InlineData("requirements-dev.txt")]
    [InlineData("backend/requirements_prod.txt")]
    [InlineData("requirements/base.txt")]
    [InlineData("backend/requirements/test.txt")]
    [InlineData("pyproject.toml")]
    [InlineData("Pipfile")]
    [InlineData("src/Orders.Api/Orders.Api.csproj")]
    [InlineData("src/Pricing/Pricing.fsproj")]
    [InlineData("Legacy.vbproj")]
    [InlineData("Directory.Build.props")]
    [InlineData("src/Directory.Packages.props")]
    [InlineData("Legacy/packages.config")]
    [InlineData("go.mod")]
    [InlineData("services/gateway/go.mod")]
    [InlineData("pom.xml")]
    [InlineData("orders/pom.xml")]
    [InlineData("build.gradle")]
    [InlineData("app/build.gradle.kts")]
    public void RecognisesManifests(string path) => Assert.True(ManifestReader.IsManifest(path));

    [Theory]
    [InlineData("package-lock.json")]
    [InlineData("yarn.lock")]
    [InlineData("pnpm-lock.yaml")]
    [InlineData("tsconfig.json")]
    [InlineData("mypackage.json")]
    [InlineData("Pipfile.lock")]
    [InlineData("poetry.lock")]
    [InlineData("requirements.in")]
    [InlineData("constraints.txt")]
    [InlineData("docs/requirements.md")]
    [InlineData("docs/requirements/index.md")]
    [InlineData("notes/requirements-review/todo.txt")]
    [InlineData("go.sum")]
    [InlineData("settings.gradle")]
    [InlineData("gradle.properties")]
    [InlineData("build.gradle.bak")]
    [InlineData("pom.xml.orig")]
    [InlineData("Directory.Build.targets")]
    [InlineData("Orders.Api.csproj.user")]
    [InlineData("Orders.sln")]
    [InlineData("README.md")]
    public void IgnoresOtherFiles(string path) => Assert.False(ManifestReader.IsManifest(path));

    [Fact]
    public void AFileThatIsNoManifestParsesToNothing()
    {
        var result = ManifestReader.Parse("README.md", "dependencies: express");

        Assert.Empty(result.Dependencies);
        Assert.Empty(result.Diagnostics);
    }

    [Theory]
    [InlineData("package.json", Ecosystem.Node)]
    [InlineData("requirements.txt", Ecosystem.Python)]
    [InlineData("pyproject.toml", Ecosystem.Python)]
    [InlineData("pyproject.toml", Ecosystem.Python, true)]
    [InlineData("Pipfile", Ecosystem.Python)]
    [InlineData("Orders.Api.csproj", Ecosystem.DotNet)]
    [InlineData("packages.config", Ecosystem.DotNet)]
    [InlineData("go.mod", Ecosystem.Go)]
    [InlineData("pom.xml", Ecosystem.Java)]
    [InlineData("build.gradle", Ecosystem.Java)]
    [InlineData("build.gradle.kts", Ecosystem.Java, true)]
    public void EveryReaderNamesItsEcosystemAndTheFile(string file, string ecosystem, bool alternative = false)
    {
        var path = $"repo/sub/{file}";
        var result = ManifestReader.Parse(path, SampleFor(file, alternative));

        Assert.NotEmpty(result.Dependencies);
        Assert.All(result.Dependencies, d => Assert.Equal((ecosystem, path), (d.Ecosystem, d.File)));
    }

    /// <summary>
    /// A file cut off anywhere (an editor's half-saved state, a truncated download) must yield warnings, never an
    /// exception, and every reader must handle it itself rather than fall back on the last-resort guard.
    /// </summary>
    [Theory]
    [InlineData("package.json")]
    [InlineData("requirements.txt")]
    [InlineData("pyproject.toml")]
    [InlineData("pyproject.toml", true)]
    [InlineData("Pipfile")]
    [InlineData("Orders.Api.csproj")]
    [InlineData("packages.config")]
    [InlineData("go.mod")]
    [InlineData("pom.xml")]
    [InlineData("build.gradle")]
    [InlineData("build.gradle.kts", true)]
    public void EveryTruncationOfARealManifestIsHandled(string file, bool alternative = false)
    {
        var sample = SampleFor(file, alternative);
        for (var length = 0; length <= sample.Length; length++)
        {
            var result = ManifestReader.Parse(file, sample[..length]);

            Assert.DoesNotContain(result.Diagnostics, d => d.Message.StartsWith("could not read the manifest", StringComparison.Ordinal));
            Assert.All(result.Diagnostics, d => Assert.InRange(d.Line, 1, length == 0 ? 1 : sample[..length].Count(c => c == '\n') + 1));
        }
    }

    private static string SampleFor(string file, bool alternative) => file switch
    {
        "package.json" => PackageJsonReaderTests.Sample,
        "requirements.txt" => RequirementsReaderTests.Sample,
        "pyproject.toml" => alternative ? PyProjectReaderTests.PoetrySample : PyProjectReaderTests.Pep621Sample,
        "Pipfile" => PipfileReaderTests.Sample,
        "Orders.Api.csproj" => MsBuildProjectReaderTests.Sample,
        "packages.config" => PackagesConfigReaderTests.Sample,
        "go.mod" => GoModReaderTests.Sample,
        "pom.xml" => PomReaderTests.Sample,
        "build.gradle" or "build.gradle.kts" => alternative ? GradleReaderTests.KotlinSample : GradleReaderTests.GroovySample,
        _ => throw new ArgumentException($"no sample for {file}", nameof(file)),
    };
}
