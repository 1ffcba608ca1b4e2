using System.Text.Json;
using System.Text.RegularExpressions;
using ProdReady.Catalog;
using ProdReady.Reporting;
using ProdReady.Probing;
using ProdReady.Scanning;
using ProdReady.Scoring;
using ProdReady.TestTarget;
using ProdReady.Tests.Support;

namespace ProdReady.Tests.Cli;

/// <summary>docs/json-schema.md and the real JSON output name exactly the same fields.</summary>
public partial class JsonSchemaDocTests
{
    /// <summary>Objects whose keys are data (language ids, priorities, statuses), not fields.</summary>
    private static readonly string[] Maps = ["languages", "weights", "counts"];

    [Fact]
    public async Task EveryDocumentedFieldIsWrittenAndEveryWrittenFieldIsDocumented()
    {
        var documented = DocumentedFields();
        // A real sample plus one broken manifest, so that every part of the document has entries.
        using var repo = new TempRepo(("tools/package.json", "{ \"dependencies\": { \"express\" "));
        CopyDirectory(RepositoryRoot.Samples("python-fastapi"), repo.Root);
        var catalog = CatalogLoader.LoadBuiltIn().Catalog;
        var scanned = Scanner.Scan(repo.Root, catalog, new ScanOptions());
        Assert.NotEmpty(scanned.Diagnostics);
        // And live evidence from a running service, so the `live` parts are written too.
        await using var target = await TargetApp.Start(new TargetBehaviour());
        var assessment = LiveCombination.Combine(scanned, LiveEvidence.Attach(await ProbeRunner.Run(target.Url, new ProbeOptions()), catalog));
        using var json = JsonDocument.Parse(JsonReport.ToJson(assessment));
        var written = new SortedSet<string>(StringComparer.Ordinal);
        Collect(json.RootElement, written);

        Assert.Empty(documented.Except(written));   // documented but never written
        Assert.Empty(written.Except(documented));   // written but not documented
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
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
