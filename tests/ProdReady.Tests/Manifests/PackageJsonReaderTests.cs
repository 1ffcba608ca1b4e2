using ProdReady.Model;
using ProdReady.Scanning.Manifests;

namespace ProdReady.Tests.Manifests;

public class PackageJsonReaderTests
{
    internal const string Sample = """
        {
          "name": "@acme/orders-api",
          "version": "1.4.0",
          "private": true,
          "workspaces": ["packages/*"],
          "scripts": { "test": "vitest run", "dependencies": "not a section" },
          "dependencies": {
            "express": "^4.19.2",
            "@fastify/helmet": "11.1.1",
            "pg": "~8.11.0"
          },
          "devDependencies": {
            "vitest": "^1.6.0",
            "@types/express": "^4.17.21"
          },
          "optionalDependencies": { "fsevents": "2.3.3" },
          "peerDependencies": {
            "react": ">=18"
          },
          "engines": { "node": ">=20" }
        }
        """;

    [Fact]
    public void ReadsEverySectionWithLinesAndDevelopmentFlags()
    {
        var result = ManifestReader.Parse("services/orders/package.json", Sample);

        Assert.Equal(
            [
                "express ^4.19.2 @8", "@fastify/helmet 11.1.1 @9", "pg ~8.11.0 @10",
                "vitest ^1.6.0 @13 dev", "@types/express ^4.17.21 @14 dev",
                "fsevents 2.3.3 @16",
                "react >=18 @18",
            ],
            Declared.Dependencies(result));
        Assert.Empty(result.Diagnostics);
        Assert.All(result.Dependencies, d => Assert.Equal((Ecosystem.Node, "services/orders/package.json"), (d.Ecosystem, d.File)));
    }

    [Fact]
    public void CountsLinesInMinifiedAndNonAsciiFiles()
    {
        var result = ManifestReader.Parse("package.json", "{\"description\":\"caf\u00e9 \u2615\",\"dependencies\":{\"a\":\"1\",\"b\":\"2\"},\r\n\"devDependencies\":{\"c\":\"3\"}}");

        Assert.Equal(["a 1 @1", "b 2 @1", "c 3 @2 dev"], Declared.Dependencies(result));
    }

    [Fact]
    public void WorkspacesInTheObjectFormNeedNoOutput()
    {
        var result = ManifestReader.Parse("package.json", """
            { "workspaces": { "packages": ["apps/*", "libs/*"], "nohoist": ["**/react-native"] } }
            """);

        Assert.Empty(result.Dependencies);
        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void AMalformedFileKeepsWhatCameBeforeTheErrorAndNamesItsLine()
    {
        var result = ManifestReader.Parse("package.json", """
            {
              "dependencies": {
                "express": "^4.19.2",
                "helmet": "^7.1.0"
                "cors": "^2.8.5"
              }
            }
            """);

        Assert.Equal(["express ^4.19.2 @3", "helmet ^7.1.0 @4"], Declared.Dependencies(result));
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal((DiagnosticSeverity.Warning, "package.json", 5), (warning.Severity, warning.File, warning.Line));
        Assert.StartsWith("malformed JSON: ", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", warning.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", 1)]
    [InlineData("{\n  \"dependencies\": {\n    \"a\": \"1\",\n  }\n}", 4)]
    [InlineData("{\n  \"dependencies\": {\n    \"a\": \"1\"\n", 4)]
    [InlineData("{ \"name\": \"x\" }\n\n<<<<<<< HEAD", 3)]
    public void ReportsTheLineOfASyntaxError(string content, int line)
    {
        var result = ManifestReader.Parse("package.json", content);

        Assert.Equal(line, Assert.Single(result.Diagnostics).Line);
    }

    [Fact]
    public void WarnsAboutSectionsAndVersionsOfTheWrongShape()
    {
        var result = ManifestReader.Parse("package.json", """
            {
              "dependencies": ["express"],
              "devDependencies": {
                "jest": { "version": "29" },
                "eslint": "^9.0.0"
              }
            }
            """);

        Assert.Equal(["jest - @4 dev", "eslint ^9.0.0 @5 dev"], Declared.Dependencies(result));
        Assert.Equal(
            [
                "2: \"dependencies\" should be an object of package names to versions",
                "4: the version of \"jest\" in \"devDependencies\" should be a string",
            ],
            Declared.Warnings(result));
    }

    [Fact]
    public void ATopLevelValueOtherThanAnObjectIsReported()
    {
        var result = ManifestReader.Parse("package.json", "[\"express\"]");

        Assert.Empty(result.Dependencies);
        Assert.Equal(["1: package.json is not a JSON object"], Declared.Warnings(result));
    }
}
