using ProdReady.Model;
using ProdReady.Scanning.Manifests;

namespace ProdReady.Tests.Manifests;

public class GoModReaderTests
{
    internal const string Sample = """
        module github.com/acme/gateway

        go 1.22.3

        toolchain go1.22.4

        require github.com/go-chi/chi/v5 v5.0.12

        require (
            github.com/sony/gobreaker v1.0.0
            go.opentelemetry.io/otel v1.27.0 // indirect
            "github.com/quoted/module" v0.1.0
            // github.com/commented/out v1.0.0
        )

        replace github.com/sony/gobreaker => ../gobreaker

        exclude (
            github.com/old/thing v0.0.1
        )

        retract v1.0.1 // published by mistake
        """;

    [Fact]
    public void ReadsSingleAndBlockRequirementsIncludingIndirectOnes()
    {
        var result = ManifestReader.Parse("services/gateway/go.mod", Sample);

        Assert.Equal(
            [
                "github.com/go-chi/chi/v5 v5.0.12 @7",
                "github.com/sony/gobreaker v1.0.0 @10",
                "go.opentelemetry.io/otel v1.27.0 @11",
                "github.com/quoted/module v0.1.0 @12",
            ],
            Declared.Dependencies(result));
        Assert.Empty(result.Diagnostics);
        Assert.All(result.Dependencies, d => Assert.Equal((Ecosystem.Go, "services/gateway/go.mod", false), (d.Ecosystem, d.File, d.Development)));
    }

    [Fact]
    public void MalformedLinesAndAnUnclosedBlockAreReported()
    {
        var result = ManifestReader.Parse("go.mod", """
            module example.com/app

            requires github.com/typo v1.0.0
            require (
                github.com/lib/pq v1.10.9
                github.com/missing/version
                github.com/redis/go-redis/v9 v9.5.1
            """);

        Assert.Equal(["github.com/lib/pq v1.10.9 @5", "github.com/redis/go-redis/v9 v9.5.1 @7"], Declared.Dependencies(result));
        Assert.Equal(
            [
                "3: unknown directive 'requires'",
                "6: expected 'module/path version' in require, found 'github.com/missing/version'",
                "4: the 'require (' block is not closed",
            ],
            Declared.Warnings(result));
    }
}
