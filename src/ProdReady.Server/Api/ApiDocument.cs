using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ProdReady.Server.Api;

/// <summary>The OpenAPI document served at /api/v1/openapi.json, with the bearer key scheme every operation uses.</summary>
public static class ApiDocument
{
    public const string Version = "v1";
    public const string Route = "/api/{documentName}/openapi.json";

    public static void Configure(OpenApiOptions options) => options.AddDocumentTransformer((document, _, _) =>
    {
        document.Info = new OpenApiInfo
        {
            Title = "ProdReady server",
            Version = Version,
            Description = "A portfolio of services and their production-readiness assessments. Send `Authorization: Bearer <key>`; keys are created with `prodready keys create`.",
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["apiKey"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An API key: prk_PREFIX_SECRET",
        };
        document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("apiKey", document)] = [] }];
        return Task.CompletedTask;
    });
}
