using ProdReady.Documents;

namespace ProdReady.Reporting;

/// <summary>SARIF 2.1.0 for `doc lint` and `doc check`: one rule per finding id, results at the document's lines.</summary>
public static class DocumentSarif
{
    public static string Render(string documentUri, IReadOnlyList<DocumentFinding> findings, string toolVersion) => SarifLog.Write(
        toolVersion,
        json =>
        {
            foreach (var (id, description) in DocumentLintIds.Descriptions)
            {
                json.WriteStartObject();
                json.WriteString("id", id);
                SarifLog.WriteText(json, "shortDescription", description);
                // Code scanning requires a full description and help; the one sentence is all there is to say.
                SarifLog.WriteText(json, "fullDescription", description);
                SarifLog.WriteText(json, "help", description);
                json.WriteEndObject();
            }
        },
        json =>
        {
            // Keeps these results apart from code-scanning alerts of other tools and of `prodready scan`.
            json.WriteStartObject("automationDetails");
            json.WriteString("id", "prodready/doc/");
            json.WriteEndObject();
            json.WriteStartArray("results");
            foreach (var finding in findings)
            {
                json.WriteStartObject();
                json.WriteString("ruleId", finding.Id);
                json.WriteString("level", finding.Severity switch { FindingSeverity.Error => "error", FindingSeverity.Warning => "warning", _ => "note" });
                SarifLog.WriteText(json, "message", finding.Message);
                json.WriteStartArray("locations");
                json.WriteStartObject();
                SarifLog.WritePhysicalLocation(json, documentUri, Math.Max(1, finding.Line));
                json.WriteEndObject();
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
        });
}
