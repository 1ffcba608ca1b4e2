using ProdReady.Model;
using ProdReady.Scanning.Manifests;

namespace ProdReady.Tests.Manifests;

public class DependencyNameTests
{
    [Theory]
    [InlineData(Ecosystem.Python, "Flask_Limiter", "flask-limiter")]
    [InlineData(Ecosystem.Python, "zope.interface", "zope-interface")]
    [InlineData(Ecosystem.Python, "Some__Odd.-_Name", "some-odd-name")]
    [InlineData(Ecosystem.Python, " requests ", "requests")]
    [InlineData(Ecosystem.Node, "@Fastify/Helmet", "@fastify/helmet")]
    [InlineData(Ecosystem.Node, "lodash.merge", "lodash.merge")]
    [InlineData(Ecosystem.DotNet, "OpenTelemetry.Extensions.Hosting", "opentelemetry.extensions.hosting")]
    [InlineData(Ecosystem.Go, "github.com/Sony/gobreaker", "github.com/sony/gobreaker")]
    [InlineData(Ecosystem.Java, "org.springframework.boot:Spring-Boot-Starter-Web", "org.springframework.boot:spring-boot-starter-web")]
    [InlineData(Ecosystem.Java, "org.springframework.boot", "org.springframework.boot")]
    public void NormalisesPerEcosystem(string ecosystem, string name, string expected) =>
        Assert.Equal(expected, DependencyName.Normalize(ecosystem, name));

    [Fact]
    public void DeclaredPythonNamesMeetRuleNamesWhateverTheirSpelling()
    {
        var declared = ManifestReader.Parse("requirements.txt", "Flask_Limiter[redis]>=3.7\n").Dependencies.Single();

        Assert.Equal("Flask_Limiter", declared.Name);
        Assert.Equal(DependencyName.Normalize(Ecosystem.Python, "flask.limiter"), DependencyName.Normalize(declared.Ecosystem, declared.Name));
    }
}
