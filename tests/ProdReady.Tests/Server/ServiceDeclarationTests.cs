using ProdReady.Server.Store;

namespace ProdReady.Tests.Server;

/// <summary>The service a document declares, read from its top level only.</summary>
public sealed class ServiceDeclarationTests
{
    public static TheoryData<string, ServiceDeclaration> Documents => new()
    {
        {
            """{ "schemaVersion": "1.1", "stack": { "service": { "name": "nested" } }, "results": [{ "service": 1 }], "service": { "name": "orders", "owner": "team-a", "tier": "critical" }, "later": [1, 2] }""",
            new ServiceDeclaration("orders", "team-a", "critical")
        },
        { """{ "service": { "name": "orders", "owner": null } }""", new ServiceDeclaration("orders", null, "standard") },
        { """{ "service": null, "later": { "service": { "name": "nested" } } }""", new ServiceDeclaration(null, null, "standard") },
        { """{ "stack": { "service": { "name": "nested" } } }""", new ServiceDeclaration(null, null, "standard") },
        { """[{ "service": { "name": "orders" } }]""", new ServiceDeclaration(null, null, "standard") },
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public void TheTopLevelServiceObjectIsTheDeclaration(string json, ServiceDeclaration expected) =>
        Assert.Equal(expected, ServiceDeclaration.Read(json));
}
