using ProdReady.Model;
using ProdReady.Scanning.Manifests;

namespace ProdReady.Tests.Manifests;

public class GradleReaderTests
{
    internal const string KotlinSample = """
        plugins {
            kotlin("jvm") version "2.0.0"
            id("org.springframework.boot") version "3.3.0"
            alias(libs.plugins.detekt)
            `java-library`
        }

        val otelVersion = "1.39.0"

        dependencies {
            implementation(enforcedPlatform("io.opentelemetry:opentelemetry-bom:$otelVersion"))
            implementation(
                "io.github.resilience4j:resilience4j-spring-boot3:2.2.0"
            )
            implementation(group = "org.flywaydb", name = "flyway-core", version = "10.15.0")
            implementation(libs.jackson.kotlin)
            "developmentOnly"("org.springframework.boot:spring-boot-devtools")
            val unused = "com.example:not-a-dependency:1.0"
            constraints {
                implementation("org.apache.logging.log4j:log4j-core:2.23.1") { because("CVE-2021-44228") }
            }
            testImplementation("io.mockk:mockk:1.13.11")
            integrationTestImplementation("org.testcontainers:postgresql:1.19.8")
        }

        tasks.withType<Test> {
            useJUnitPlatform()
            systemProperty("dependency", "com.example:in-a-task:1.0")
        }
        """;

    internal const string GroovySample = """
        plugins {
            id 'java'
            id 'org.springframework.boot' version '3.3.0'
            id "io.spring.dependency-management" version "1.1.5"
        }

        group = 'com.acme'
        ext { springCloudVersion = '2023.0.2' }

        dependencies {
            implementation 'org.springframework.boot:spring-boot-starter-web'
            implementation("org.springframework.boot:spring-boot-starter-actuator")
            implementation platform("org.springframework.cloud:spring-cloud-dependencies:${springCloudVersion}")
            implementation group: 'io.micrometer', name: 'micrometer-registry-prometheus', version: '1.13.0'
            api 'com.google.guava:guava:33.2.0-jre', 'org.apache.commons:commons-lang3:3.14.0'
            compileOnly 'org.projectlombok:lombok'
            annotationProcessor 'org.projectlombok:lombok'
            runtimeOnly 'org.postgresql:postgresql'
            implementation('com.fasterxml.jackson.core:jackson-databind:2.17.1') {
                exclude group: 'org.example', module: 'unwanted'
            }
            implementation project(':orders-domain')
            implementation files('libs/vendor.jar')
            implementation fileTree(dir: 'libs', include: ['*.jar'])
            // implementation 'org.springframework.boot:spring-boot-starter-security'
            /* runtimeOnly 'com.h2database:h2'
               runtimeOnly 'org.flywaydb:flyway-core' */
            testImplementation 'org.springframework.boot:spring-boot-starter-test'
            testRuntimeOnly 'org.junit.platform:junit-platform-launcher'
        }
        """;

    [Fact]
    public void ReadsAGroovyBuildScript()
    {
        var result = ManifestReader.Parse("orders/build.gradle", GroovySample);

        Assert.Equal(
            [
                "java - @2",
                "org.springframework.boot 3.3.0 @3",
                "io.spring.dependency-management 1.1.5 @4",
                "org.springframework.boot:spring-boot-starter-web - @11",
                "org.springframework.boot:spring-boot-starter-actuator - @12",
                "org.springframework.cloud:spring-cloud-dependencies ${springCloudVersion} @13",
                "io.micrometer:micrometer-registry-prometheus 1.13.0 @14",
                "com.google.guava:guava 33.2.0-jre @15",
                "org.apache.commons:commons-lang3 3.14.0 @15",
                "org.projectlombok:lombok - @16",
                "org.projectlombok:lombok - @17",
                "org.postgresql:postgresql - @18",
                "com.fasterxml.jackson.core:jackson-databind 2.17.1 @19",
                "org.springframework.boot:spring-boot-starter-test - @28 dev",
                "org.junit.platform:junit-platform-launcher - @29 dev",
            ],
            Declared.Dependencies(result));
        Assert.Empty(result.Diagnostics);
        Assert.All(result.Dependencies, d => Assert.Equal((Ecosystem.Java, "orders/build.gradle"), (d.Ecosystem, d.File)));
    }

    [Fact]
    public void ReadsAKotlinBuildScript()
    {
        var result = ManifestReader.Parse("build.gradle.kts", KotlinSample);

        Assert.Equal(
            [
                "org.jetbrains.kotlin.jvm 2.0.0 @2",
                "org.springframework.boot 3.3.0 @3",
                "io.opentelemetry:opentelemetry-bom $otelVersion @11",
                "io.github.resilience4j:resilience4j-spring-boot3 2.2.0 @13",
                "org.flywaydb:flyway-core 10.15.0 @15",
                "org.springframework.boot:spring-boot-devtools - @17 dev",
                "org.apache.logging.log4j:log4j-core 2.23.1 @20",
                "io.mockk:mockk 1.13.11 @22 dev",
                "org.testcontainers:postgresql 1.19.8 @23 dev",
            ],
            Declared.Dependencies(result));
        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void ReadsBuildscriptClasspathAppliedPluginsAndABraceOnTheNextLine()
    {
        var result = ManifestReader.Parse("build.gradle", """
            buildscript {
                dependencies {
                    classpath "org.springframework.boot:spring-boot-gradle-plugin:2.7.18"
                }
            }
            apply plugin: 'org.springframework.boot'
            apply from: 'gradle/publishing.gradle'

            dependencies
            {
                compile "javax.servlet:servlet-api:2.5"
            }
            """);

        Assert.Equal(
            [
                "org.springframework.boot:spring-boot-gradle-plugin 2.7.18 @3",
                "org.springframework.boot - @6",
                "javax.servlet:servlet-api 2.5 @11",
            ],
            Declared.Dependencies(result));
    }

    [Fact]
    public void StringsThatLookLikeCommentsOrHoldQuotesDoNotConfuseTheReader()
    {
        var result = ManifestReader.Parse("build.gradle", """
            repositories { maven { url "https://repo.example.org/releases" } }
            description = 'it\'s a { in a string'
            dependencies {
                implementation "com.acme:client:${property("clientVersion")}" // trailing comment
                implementation '''com.acme:triple:2.0'''
            }
            """);

        Assert.Equal(
            ["com.acme:client ${property(\"clientVersion\")} @4", "com.acme:triple 2.0 @5"],
            Declared.Dependencies(result));
    }

    [Fact]
    public void AnUnclosedBlockIsReportedAndItsDependenciesAreKept()
    {
        var result = ManifestReader.Parse("build.gradle", """
            dependencies {
                implementation 'io.sentry:sentry:7.10.0'
                testImplementation('org.junit.jupiter:junit-jupiter:5.10.2'
            """);

        Assert.Equal(["io.sentry:sentry 7.10.0 @2", "org.junit.jupiter:junit-jupiter 5.10.2 @3 dev"], Declared.Dependencies(result));
        Assert.Equal(["1: the 'dependencies {' block is not closed"], Declared.Warnings(result));
    }

    [Theory]
    [InlineData("dependencies {\n    implementation 'a:b:1'\n    implementation 'c:d:2\n}\n", 3, "unterminated string")]
    [InlineData("dependencies {\n    implementation 'a:b:1'\n}\n/* not closed\nimplementation 'c:d:2'\n", 4, "the /* comment is not closed")]
    [InlineData("dependencies {\n    implementation 'a:b:1'\n}\n}\n", 4, "'}' closes no block")]
    public void SyntaxErrorsAreReportedWithTheirLine(string content, int line, string message)
    {
        var result = ManifestReader.Parse("build.gradle", content);

        Assert.Equal(["a:b 1 @2"], Declared.Dependencies(result));
        Assert.Contains($"{line}: {message}", Declared.Warnings(result));
    }
}
