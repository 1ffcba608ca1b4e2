using ProdReady.Model;
using ProdReady.Scanning.Manifests;

namespace ProdReady.Tests.Manifests;

public class PomReaderTests
{
    internal const string Sample = """
        <?xml version="1.0" encoding="UTF-8"?>
        <project xmlns="http://maven.apache.org/POM/4.0.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                 xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
          <modelVersion>4.0.0</modelVersion>
          <parent>
            <groupId>org.springframework.boot</groupId>
            <artifactId>spring-boot-starter-parent</artifactId>
            <version>3.3.0</version>
            <relativePath/>
          </parent>
          <groupId>com.acme</groupId>
          <artifactId>orders</artifactId>
          <dependencyManagement>
            <dependencies>
              <dependency>
                <groupId>io.opentelemetry</groupId>
                <artifactId>opentelemetry-bom</artifactId>
                <version>1.39.0</version>
                <type>pom</type>
                <scope>import</scope>
              </dependency>
            </dependencies>
          </dependencyManagement>
          <dependencies>
            <dependency>
              <groupId>org.springframework.boot</groupId>
              <artifactId>spring-boot-starter-web</artifactId>
            </dependency>
            <!--
            <dependency>
              <groupId>org.springframework.boot</groupId>
              <artifactId>spring-boot-starter-security</artifactId>
            </dependency>
            -->
            <dependency>
              <groupId>org.springframework.boot</groupId>
              <artifactId>spring-boot-starter-test</artifactId>
              <scope>test</scope>
            </dependency>
          </dependencies>
          <profiles>
            <profile>
              <id>postgres</id>
              <dependencies>
                <dependency>
                  <groupId>org.postgresql</groupId>
                  <artifactId>postgresql</artifactId>
                  <version>${postgresql.version}</version>
                  <scope>runtime</scope>
                </dependency>
              </dependencies>
            </profile>
          </profiles>
          <build>
            <plugins>
              <plugin>
                <groupId>org.springframework.boot</groupId>
                <artifactId>spring-boot-maven-plugin</artifactId>
                <dependencies>
                  <dependency>
                    <groupId>com.example</groupId>
                    <artifactId>plugin-helper</artifactId>
                  </dependency>
                </dependencies>
              </plugin>
            </plugins>
          </build>
        </project>
        """;

    [Fact]
    public void ReadsTheParentDependenciesProfilesAndDependencyManagement()
    {
        var result = ManifestReader.Parse("orders/pom.xml", Sample);

        Assert.Equal(
            [
                "org.springframework.boot:spring-boot-starter-parent 3.3.0 @7",
                "io.opentelemetry:opentelemetry-bom 1.39.0 @17",
                "org.springframework.boot:spring-boot-starter-web - @27",
                "org.springframework.boot:spring-boot-starter-test - @37 dev",
                "org.postgresql:postgresql ${postgresql.version} @47",
            ],
            Declared.Dependencies(result));
        Assert.Empty(result.Diagnostics);
        Assert.All(result.Dependencies, d => Assert.Equal((Ecosystem.Java, "orders/pom.xml"), (d.Ecosystem, d.File)));
    }

    [Fact]
    public void ReadsAPomWithoutTheMavenNamespace()
    {
        var result = ManifestReader.Parse("pom.xml", """
            <project>
              <dependencies>
                <dependency><groupId>io.micrometer</groupId><artifactId>micrometer-registry-prometheus</artifactId><version>1.13.0</version></dependency>
              </dependencies>
            </project>
            """);

        Assert.Equal(["io.micrometer:micrometer-registry-prometheus 1.13.0 @3"], Declared.Dependencies(result));
    }

    [Fact]
    public void ADependencyWithoutAGroupIdIsReported()
    {
        var result = ManifestReader.Parse("pom.xml", """
            <project>
              <dependencies>
                <dependency>
                  <artifactId>lombok</artifactId>
                </dependency>
              </dependencies>
            </project>
            """);

        Assert.Empty(result.Dependencies);
        Assert.Equal(["3: <dependency> needs both a groupId and an artifactId"], Declared.Warnings(result));
    }

    [Fact]
    public void MalformedXmlIsReportedWithTheLineOfTheError()
    {
        var result = ManifestReader.Parse("pom.xml", """
            <project>
              <dependencies>
                <dependency>
                  <groupId>org.slf4j</groupId>
                  <artifactId>slf4j-api</artifact>
                </dependency>
              </dependencies>
            </project>
            """);

        Assert.Empty(result.Dependencies);
        Assert.Equal(5, Assert.Single(result.Diagnostics).Line);
    }

    [Fact]
    public void AnotherRootElementIsNoPom()
    {
        var result = ManifestReader.Parse("pom.xml", "<settings/>");

        Assert.Equal(["1: the root element is <settings>, not a Maven <project>"], Declared.Warnings(result));
    }
}
