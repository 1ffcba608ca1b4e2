using ProdReady.Probing;
using ProdReady.TestTarget;

namespace ProdReady.Tests.Probing;

public class OpenApiDocumentTests
{
    private static readonly Uri Served = new("http://127.0.0.1:8080/openapi.json");

    [Fact]
    public void AJsonDocumentGivesEachOperationItsFullPathParametersAndSecurity()
    {
        var (document, problem) = OpenApiDocument.Parse("/openapi.json", ApiContent.OpenApiDocument, Served);

        Assert.Null(problem);
        Assert.Equal(("OpenAPI 3.0.1", "Orders API", "1.4.2"), (document!.Specification, document.Title, document.Version));
        Assert.Equal(
            [
                new OpenApiOperation("GET", "/api/v1/orders", true, OperationSecurity.Secured),
                new OpenApiOperation("POST", "/api/v1/orders", true, OperationSecurity.Secured),
                new OpenApiOperation("GET", "/api/v1/orders/{id}", false, OperationSecurity.Secured),
                new OpenApiOperation("GET", "/api/v1/reports", false, OperationSecurity.Secured), // its required parameter is a $ref
                new OpenApiOperation("GET", "/api/v1/catalog", true, OperationSecurity.Public),
            ],
            document.Operations);
    }

    [Fact]
    public void AYamlDocumentResolvesServerVariablesOverridesParametersAndReadsOptionalAuthAsPublic()
    {
        const string yaml = """
            openapi: 3.1.0
            info:
              title: Tea Shop
              version: "2.0"
            servers:
              - url: https://{region}.example.test/{base}
                variables:
                  region: { default: eu }
                  base: { default: shop/v2 }
            paths:
              /teas:
                parameters:
                  - { name: limit, in: query, required: true }
                get:
                  parameters:
                    - { name: limit, in: query, required: false }
              /me:
                get:
                  security: [ {}, { cookie: [] } ]
              /stock:
                get:
                  parameters:
                    - $ref: 'common.yaml#/components/parameters/Warehouse'
            """;

        var (document, problem) = OpenApiDocument.Parse("openapi.yaml", yaml, Served);

        Assert.Null(problem);
        Assert.Equal(("OpenAPI 3.1.0", "Tea Shop", "2.0"), (document!.Specification, document.Title, document.Version));
        Assert.Equal(
            [
                new OpenApiOperation("GET", "/shop/v2/teas", true, OperationSecurity.Unspecified),
                new OpenApiOperation("GET", "/shop/v2/me", true, OperationSecurity.Public),
                new OpenApiOperation("GET", "/shop/v2/stock", false, OperationSecurity.Unspecified), // an outside $ref may be required
            ],
            document.Operations);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080/docs/openapi.json", "v2", "/docs/v2/ping")]
    [InlineData("http://127.0.0.1:8080/docs/openapi.json", "/", "/ping")]
    [InlineData("http://127.0.0.1:8080/openapi.json", "https://api.example.test/base/", "/base/ping")]
    public void ARelativeServerUrlIsResolvedAgainstWhereTheDocumentWasServed(string location, string server, string expected)
    {
        var json = $$"""{ "openapi": "3.0.3", "servers": [ { "url": "{{server}}" } ], "paths": { "/ping": { "get": {} } } }""";

        var (document, _) = OpenApiDocument.Parse("openapi.json", json, new Uri(location));

        Assert.Equal(expected, Assert.Single(document!.Operations).Path);
    }

    [Fact]
    public void ASwaggerTwoDocumentUsesItsBasePathAndSecurity()
    {
        const string json = """{"swagger":"2.0","info":{"title":"Legacy","version":"0.9"},"basePath":"/v1/","security":[{"key":[]}],"paths":{"/ping":{"get":{"security":[]}},"/users":{"get":{}}}}""";

        var (document, _) = OpenApiDocument.Parse("swagger.json", json, Served);

        Assert.Equal("Swagger 2.0", document!.Specification);
        Assert.Equal(
            [new OpenApiOperation("GET", "/v1/ping", true, OperationSecurity.Public), new OpenApiOperation("GET", "/v1/users", true, OperationSecurity.Secured)],
            document.Operations);
    }

    [Theory]
    [InlineData("/openapi.json", "{\n  \"openapi\": \"3.0.1\",\n  \"paths\": {,}\n}", "/openapi.json:3: invalid JSON, skipped: ',' is an invalid start of a property name. Expected a '\"'.")]
    [InlineData("/openapi.yaml", "openapi: 3.0.0\ninfo:\n  title: [unclosed\npaths: {}\n", "/openapi.yaml: invalid YAML, skipped: the parser failed without giving a line (often an unclosed [ or {)")]
    [InlineData("/openapi.yaml", "openapi: 3.0.0\ninfo:\n  title: Orders\n   version: 1\npaths: {}\n", "/openapi.yaml:4: invalid YAML, skipped: While scanning a plain scalar value, found invalid mapping.")]
    [InlineData("/api.json", "{\"name\": \"orders\"}", "/api.json:1: no 'openapi' or 'swagger' version at the top: not an OpenAPI document")]
    [InlineData("/openapi.json", "{\"openapi\": \"3.0.0\",\n \"paths\": 3}", "/openapi.json:2: 'paths' must be a mapping of paths to operations")]
    [InlineData("/openapi.json", "[1, 2]", "/openapi.json:1: not a mapping: not an OpenAPI document")]
    public void ABrokenDocumentIsADiagnosticWithItsLineNeverAnException(string source, string text, string expected)
    {
        var (document, problem) = OpenApiDocument.Parse(source, text, Served);

        Assert.Null(document);
        Assert.Equal(expected, problem!.ToString());
    }
}
