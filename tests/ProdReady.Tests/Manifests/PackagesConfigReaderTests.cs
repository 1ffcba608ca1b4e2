using ProdReady.Model;
using ProdReady.Scanning.Manifests;

namespace ProdReady.Tests.Manifests;

public class PackagesConfigReaderTests
{
    internal const string Sample = """
        <?xml version="1.0" encoding="utf-8"?>
        <packages>
          <package id="Newtonsoft.Json" version="13.0.3" targetFramework="net48" />
          <package id="log4net" version="2.0.15" targetFramework="net48" />
          <package id="StyleCop.Analyzers" version="1.1.118" developmentDependency="true" />
          <package version="1.0" />
        </packages>
        """;

    [Fact]
    public void ReadsPackagesAndTheirDevelopmentFlag()
    {
        var result = ManifestReader.Parse("LegacyApp/packages.config", Sample);

        Assert.Equal(
            ["Newtonsoft.Json 13.0.3 @3", "log4net 2.0.15 @4", "StyleCop.Analyzers 1.1.118 @5 dev"],
            Declared.Dependencies(result));
        Assert.Equal(["6: <package> without an id"], Declared.Warnings(result));
        Assert.All(result.Dependencies, d => Assert.Equal(Ecosystem.DotNet, d.Ecosystem));
    }

    [Fact]
    public void MalformedXmlIsReportedWithTheLineOfTheError()
    {
        var result = ManifestReader.Parse("packages.config", "<packages>\n  <package id=\"a\" version=\"1\" />\n  <package id=\"b\" version=2 />\n</packages>");

        Assert.Empty(result.Dependencies);
        Assert.Equal(3, Assert.Single(result.Diagnostics).Line);
    }
}
