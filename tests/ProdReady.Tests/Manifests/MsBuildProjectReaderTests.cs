using ProdReady.Model;
using ProdReady.Scanning.Manifests;

namespace ProdReady.Tests.Manifests;

public class MsBuildProjectReaderTests
{
    internal const string Sample = """
        <Project Sdk="Microsoft.NET.Sdk.Web">

          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
          </PropertyGroup>

          <ItemGroup>
            <PackageReference Include="Serilog.AspNetCore" Version="8.0.1" />
            <PackageReference Include="OpenTelemetry.Extensions.Hosting">
              <Version>1.9.0</Version>
            </PackageReference>
            <PackageReference Include="Polly" Condition="'$(Configuration)' == 'Release'" />
            <PackageReference Update="Newtonsoft.Json" Version="$(JsonVersion)" />
            <PackageReference Remove="Unwanted.Package" />
            <FrameworkReference Include="Microsoft.AspNetCore.App" />
            <ProjectReference Include="../Orders.Domain/Orders.Domain.csproj" />
          </ItemGroup>
        </Project>
        """;

    [Fact]
    public void ReadsTheSdkPackageAndFrameworkReferences()
    {
        var result = ManifestReader.Parse("src/Orders.Api/Orders.Api.csproj", Sample);

        Assert.Equal(
            [
                "Microsoft.NET.Sdk.Web - @1", "Serilog.AspNetCore 8.0.1 @9", "OpenTelemetry.Extensions.Hosting 1.9.0 @10",
                "Polly - @13", "Newtonsoft.Json $(JsonVersion) @14", "Microsoft.AspNetCore.App - @16",
            ],
            Declared.Dependencies(result));
        Assert.Empty(result.Diagnostics);
        Assert.All(result.Dependencies, d => Assert.Equal((Ecosystem.DotNet, "src/Orders.Api/Orders.Api.csproj"), (d.Ecosystem, d.File)));
    }

    [Fact]
    public void ReadsSdkElementsVersionedSdksAndTheOldProjectNamespace()
    {
        var result = ManifestReader.Parse("Tools.fsproj", """
            <?xml version="1.0" encoding="utf-8"?>
            <Project Sdk="Microsoft.Build.NoTargets/3.7.0;Microsoft.NET.Sdk" xmlns="http://schemas.microsoft.com/developer/msbuild/2003">
              <Sdk Name="Aspire.AppHost.Sdk" Version="9.0.0" />
              <ItemGroup>
                <PackageReference Include="FSharp.Core" VersionOverride="8.0.400" />
              </ItemGroup>
            </Project>
            """);

        Assert.Equal(
            ["Microsoft.Build.NoTargets 3.7.0 @2", "Microsoft.NET.Sdk - @2", "Aspire.AppHost.Sdk 9.0.0 @3", "FSharp.Core 8.0.400 @5"],
            Declared.Dependencies(result));
    }

    [Fact]
    public void CentralPackageVersionsCountAsDeclared()
    {
        var result = ManifestReader.Parse("Directory.Packages.props", """
            <Project>
              <PropertyGroup>
                <ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally>
              </PropertyGroup>
              <ItemGroup>
                <PackageVersion Include="Npgsql.EntityFrameworkCore.PostgreSQL" Version="9.0.1" />
                <PackageVersion Include="xunit" Version="2.9.3" />
                <GlobalPackageReference Include="Nerdbank.GitVersioning" Version="3.6.143" />
              </ItemGroup>
            </Project>
            """);

        Assert.Equal(
            ["Npgsql.EntityFrameworkCore.PostgreSQL 9.0.1 @6", "xunit 2.9.3 @7", "Nerdbank.GitVersioning 3.6.143 @8"],
            Declared.Dependencies(result));
    }

    [Theory]
    [InlineData("tests/Orders.Tests/Orders.Tests.csproj", "<PackageReference Include=\"xunit\" />")]
    [InlineData("tests/Orders.Test.vbproj", "<PackageReference Include=\"xunit\" />")]
    [InlineData("tests/Orders.UnitTests.csproj", "<PackageReference Include=\"xunit\" />")]
    [InlineData("tests/Orders.Specs.csproj", "<PackageReference Include=\"Microsoft.NET.Test.Sdk\" />")]
    [InlineData("tests/Orders.Checks.csproj", "<PackageReference Include=\"xunit\" /></ItemGroup><PropertyGroup><IsTestProject>true</IsTestProject></PropertyGroup><ItemGroup>")]
    [InlineData("tests/Directory.Build.props", "<PackageReference Include=\"Microsoft.NET.Test.Sdk\" />")]
    public void EverythingInATestProjectIsDevelopment(string file, string items)
    {
        var result = ManifestReader.Parse(file, $"<Project Sdk=\"Microsoft.NET.Sdk\"><ItemGroup>{items}</ItemGroup></Project>");

        Assert.Equal(2, result.Dependencies.Count);
        Assert.All(result.Dependencies, d => Assert.True(d.Development));
    }

    [Theory]
    [InlineData("src/Orders.Testing.csproj")]
    [InlineData("src/Orders.Api.csproj")]
    public void OtherProjectsAreProduction(string file)
    {
        var result = ManifestReader.Parse(file, "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><IsTestProject>false</IsTestProject></PropertyGroup><ItemGroup><PackageReference Include=\"Dapper\" /></ItemGroup></Project>");

        Assert.Equal(["Microsoft.NET.Sdk - @1", "Dapper - @1"], Declared.Dependencies(result));
    }

    [Fact]
    public void MalformedXmlIsReportedWithTheLineOfTheError()
    {
        var result = ManifestReader.Parse("Api.csproj", """
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <ItemGroup>
                <PackageReference Include="Serilog" Version="4.0.0" />
                <PackageReference Include="Polly" Version="8.4.0">
              </ItemGroup>
            </Project>
            """);

        Assert.Empty(result.Dependencies);
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal((DiagnosticSeverity.Warning, "Api.csproj", 5), (warning.Severity, warning.File, warning.Line));
        Assert.StartsWith("malformed XML: ", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AReferenceWithoutANameIsReported()
    {
        var result = ManifestReader.Parse("Api.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <ItemGroup>
                <PackageReference Version="1.0.0" />
              </ItemGroup>
            </Project>
            """);

        Assert.Equal(["Microsoft.NET.Sdk - @1"], Declared.Dependencies(result));
        Assert.Equal(["3: <PackageReference> names no package"], Declared.Warnings(result));
    }
}
