using System.Text.Json;
using System.Text.RegularExpressions;
using ProdReady.Catalog;
using ProdReady.Reporting;
using ProdReady.Scanning;
using ProdReady.Tests.Support;

namespace ProdReady.Tests.Cli;

/// <summary>docs/json-schema.md and the real JSON output name exactly the same fields.</summary>
public partial class JsonSchemaDocTests
{
    /// <summary>Objects whose keys are data (language ids, priorities, statuses), not fields.</summary>
    private static readonly string[] Maps = ["languages", "weights", "counts"];

    [Fact]
    public void EveryDocumentedFieldIsWrittenAndEveryWrittenFieldIsDocumented()
    {
        var documented = DocumentedFields();
        var assessment = Scanner.Scan(RepositoryRoot.Samples("python-fastapi"), CatalogLoader.LoadBuiltIn().Catalog, new ScanOptions());
        using var json = JsonDocument.Parse(JsonReport.ToJson(assessment));
        var written = new SortedSet<string>(StringComparer.Ordinal);
        Collect(json.RootElement, written);

        Assert.Equal(documented, written);
    }

    private static SortedSet<string> DocumentedFields()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", "json-schema.md"));
        var names = FirstColumn().Matches(text).Select(match => match.Groups[1].Value.Split('.').Last().Replace("[]", "", StringComparison.Ordinal));
        return new SortedSet<string>(names, StringComparer.Ordinal);
    }

    private static void Collect(JsonElement element, SortedSet<string> names)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    names.Add(property.Name);
                    if (!Maps.Contains(property.Name))
                    {
                        Collect(property.Value, names);
                    }
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, names);
                }
                break;
        }
    }

    [GeneratedRegex(@"^\| `([a-zA-Z.\[\]]+)` \|", RegexOptions.Multiline)]
    private static partial Regex FirstColumn();
}
