using System.Globalization;
using ProdReady.Model;

namespace ProdReady.Probing.Probes;

/// <summary>
/// Reports the OpenAPI document the other probes work from. A public document is information, not a failure: it
/// says what the API is meant to be, and the auth probe checks the service keeps to it.
/// </summary>
public sealed class OpenApiProbe : IProbe
{
    public string Id => "openapi";

    public IReadOnlyList<string> Findings => ["openapi.document"];

    public async Task<IReadOnlyList<ProbeFinding>> Run(ProbeContext context)
    {
        var discovery = await context.OpenApi.ConfigureAwait(false);
        IReadOnlyList<ProbeExchange> exchanges = discovery.Exchange is { } exchange ? [exchange] : [];
        if (discovery.Document is not { } document)
        {
            return [new ProbeFinding("openapi.document", ProbeVerdict.Inconclusive, discovery.Problem!) { Exchanges = exchanges, Severity = Priority.P3 }];
        }
        var title = document.Title is null ? "" : $" '{document.Title}'";
        var version = document.Version is null ? "" : $" {document.Version}";
        var secured = document.Operations.Count(operation => operation.Security == OperationSecurity.Secured);
        return
        [
            new ProbeFinding("openapi.document", ProbeVerdict.Pass,
                $"{document.Specification}{title}{version} at {discovery.Source}: {Count(document.Operations.Count, "operation")}, {secured.ToString(CultureInfo.InvariantCulture)} secured")
            { Exchanges = exchanges, Severity = Priority.P3 },
        ];
    }

    private static string Count(int count, string noun) => $"{count.ToString(CultureInfo.InvariantCulture)} {noun}{(count == 1 ? "" : "s")}";
}
