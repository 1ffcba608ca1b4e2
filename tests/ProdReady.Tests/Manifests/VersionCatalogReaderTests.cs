using ProdReady.Model;
using ProdReady.Scanning.Manifests;

namespace ProdReady.Tests.Manifests;

public class VersionCatalogReaderTests
{
    private const string Catalog = """
        [versions]
        spring-boot = "3.3.4"
        resilience4j = { strictly = "2.2.0" }

        [libraries]
        spring-boot-starter-web = { module = "org.springframework.boot:spring-boot-starter-web", version.ref = "spring-boot" }
        spring-boot-starter-security = { group = "org.springframework.boot", name = "spring-boot-starter-security" }
        resilience4j-spring-boot3 = { module = "io.github.resilience4j:resilience4j-spring-boot3", version = { strictly = "2.2.0" } }
        micrometer-prometheus = "io.micrometer:micrometer-registry-prometheus:1.13.5"
        broken = { version = "1.0" }

        [plugins]
        spring-boot = { id = "org.springframework.boot", version.ref = "spring-boot" }
        """;

    [Fact]
    public void ReadsLibrariesAndPluginsWithResolvedVersions()
    {
        var result = ManifestReader.Parse("gradle/libs.versions.toml", Catalog);

        Assert.Equal(
            [
                "org.springframework.boot:spring-boot-starter-web 3.3.4 @6",
                "org.springframework.boot:spring-boot-starter-security - @7",
                "io.github.resilience4j:resilience4j-spring-boot3 2.2.0 @8",
                "io.micrometer:micrometer-registry-prometheus 1.13.5 @9",
                "org.springframework.boot 3.3.4 @13",
            ],
            Declared.Dependencies(result));
        Assert.Equal(["10: library 'broken' names no module (\"group:name\", module = or group = and name =)"], Declared.Warnings(result));
        Assert.All(result.Dependencies, d => Assert.Equal(Ecosystem.Java, d.Ecosystem));
    }

    [Fact]
    public void AServiceDeclaringSecurityOnlyInItsCatalogPassesTheDependencyDetector()
    {
        using var repo = new Support.TempRepo(
            ("gradle/libs.versions.toml", Catalog),
            ("build.gradle.kts", "dependencies {\n    implementation(libs.spring.boot.starter.security)\n}\n"));

        var outcome = Support.Rules.Evaluate("dependency: { ecosystem: java, name: spring-boot-starter-security }", repo);

        Assert.Equal(ProdReady.Scanning.Evaluation.OutcomeStatus.Pass, outcome.Status);
        Assert.Equal(("gradle/libs.versions.toml", 7), (outcome.Evidence[0].File, outcome.Evidence[0].Line));
    }
}
