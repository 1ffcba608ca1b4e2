using System.CommandLine;
using System.Globalization;
using ProdReady.Documents;
using ProdReady.Reporting;
using Spectre.Console;

namespace ProdReady.Cli;

/// <summary>`prodready doc ...`: hand-written readiness documents, read as they are.</summary>
internal static class DocCommand
{
    // A readiness document is prose; anything far larger is not one (and is not read whole into memory).
    private const long MaxDocumentSize = 16 * 1024 * 1024;

    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "The Markdown document, e.g. docs/PRODUCTION_READINESS.md" };
        var format = new Option<string>("--format") { Description = "table, json or sarif", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json", "sarif");
        var maxAge = new Option<int>("--max-age") { Description = "Days after which the document counts as stale", DefaultValueFactory = _ => 90 };
        var today = Today.Option();
        var summary = new Option<bool>("--summary") { Description = "Also print the document's items counted per section, with a score and its formula" };
        var lint = new Command("lint", "Check a readiness document against itself: counts, percentages, statuses, dates") { file, format, maxAge, today, summary };
        lint.SetAction(parse => Lint(parse.GetValue(file)!, parse.GetValue(format)!, parse.GetValue(maxAge), parse.GetValue(today), parse.GetValue(summary)));
        var repo = new Option<string>("--repo") { Description = "The repository the document describes", DefaultValueFactory = _ => "." };
        var check = new Command("check", "Check a readiness document against the code: cited paths, and items against the controls they name") { file, repo, format };
        check.SetAction(parse => Check(parse.GetValue(file)!, parse.GetValue(repo)!, parse.GetValue(format)!));
        var importFormat = new Option<string>("--format") { Description = "json (every item) or yaml (a prodready.yml fragment of attestations for items no control covers)", DefaultValueFactory = _ => "json" };
        importFormat.AcceptOnlyFromAmong("json", "yaml");
        var rulesFrom = new Option<string?>("--repo") { Description = "Also use the aliases in this repository's .prodready/rules/" };
        var import = new Command("import", "The document's items as data, matched to controls") { file, importFormat, rulesFrom };
        import.SetAction(parse => Import(parse.GetValue(file)!, parse.GetValue(importFormat)!, parse.GetValue(rulesFrom)));
        return new Command("doc", "Read and check hand-written production readiness documents") { lint, check, import };
    }

    private static int Lint(FileInfo file, string format, int maxAge, string? todayText, bool summary)
    {
        if (Today.Resolve(todayText) is not { } today)
        {
            return ExitCodes.BadInput;
        }
        var options = new LintOptions { MaxAgeDays = maxAge, Today = today };
        if (Read(file) is not { } text)
        {
            return ExitCodes.BadInput;
        }
        var document = DocumentReader.Read(file.ToString(), text);
        Render(file, document, DocumentLinter.Lint(document, options), format);
        if (summary && format == "table")
        {
            PrintSummary(document);
        }
        return ExitCodes.Done;
    }

    private static int Check(FileInfo file, string repository, string format)
    {
        if (!Directory.Exists(repository))
        {
            Consoles.Fail($"{repository}: no such folder (--repo)");
            return ExitCodes.BadInput;
        }
        if (Read(file) is not { } text)
        {
            return ExitCodes.BadInput;
        }
        // The repository's prodready.yml counts: an attested restore drill makes a "done" claim true.
        if (Assessing.Load(repository) is not { } loaded
            || Assessing.Run(repository, loaded, new Scanning.ScanOptions(), liveTarget: null, Today.Utc) is not { } assessment)
        {
            return ExitCodes.BadInput;
        }
        var options = new Scanning.ScanOptions { Ignore = loaded.Policy.Ignore };
        var walk = Scanning.RepositoryWalker.Walk(repository, options);
        var paths = walk.Files.Select(f => f.Path).Concat(walk.Directories).ToHashSet(StringComparer.Ordinal);
        var document = DocumentReader.Read(file.ToString(), text);
        Render(file, document, DocumentChecker.Check(document, assessment.Results, paths), format);
        return ExitCodes.Done;
    }

    private static int Import(FileInfo file, string format, string? repository)
    {
        if (Read(file) is not { } text)
        {
            return ExitCodes.BadInput;
        }
        if (RulesCommand.Load(repository) is not { } loaded)
        {
            return ExitCodes.BadInput;
        }
        var document = DocumentReader.Read(file.ToString(), text);
        var items = DocumentImport.Import(document, loaded.Controls);
        Console.Out.Write(format == "json"
            ? DocumentImportRender.Json(document, items) + Environment.NewLine
            : DocumentImportRender.Attestations(document, DocumentImport.Unverifiable(items)));
        return ExitCodes.Done;
    }

    private static void Render(FileInfo file, ReadinessDocument document, IReadOnlyList<DocumentFinding> findings, string format)
    {
        if (format == "json")
        {
            Console.Out.WriteLine(DocumentLintJson.Render(document, findings));
            return;
        }
        if (format == "sarif")
        {
            var uri = Path.IsPathRooted(file.ToString()) ? new Uri(file.FullName).AbsoluteUri : file.ToString().Replace('\\', '/');
            Console.Out.WriteLine(DocumentSarif.Render(uri, findings, Scanning.Scanner.ToolVersion));
            return;
        }
        Consoles.Out.MarkupLine($"[bold]{Markup.Escape(file.ToString())}[/] · {document.AllItems().Count()} items in {document.Sections.Count} sections");
        foreach (var finding in findings)
        {
            var colour = finding.Severity switch { FindingSeverity.Error => "red", FindingSeverity.Warning => "yellow", _ => "grey" };
            Consoles.Out.MarkupLine($"{Markup.Escape(file.Name)}:{finding.Line}: [{colour}]{finding.Severity.ToString().ToLowerInvariant()}[/] {Markup.Escape(finding.Message)} [grey]({finding.Id})[/]");
        }
        Consoles.Out.MarkupLine(findings.Count == 0 ? "[green]no findings[/]" : $"{findings.Count} finding{(findings.Count == 1 ? "" : "s")}");
    }

    private static void PrintSummary(ReadinessDocument document)
    {
        var (categories, overall) = DocumentSummary.Compute(document);
        var table = new Table().Border(TableBorder.Simple).AddColumns("section", "items", "done", "partial", "open", "n/a", "score");
        foreach (var tally in categories.Append(overall))
        {
            table.AddRow(Markup.Escape(tally.Category), $"{tally.Items}", $"{tally.Done}", $"{tally.Partial}", $"{tally.Open}", $"{tally.NotApplicable}",
                tally.Score is { } score ? score.ToString("0.0", CultureInfo.InvariantCulture) : "–");
        }
        Consoles.Out.Write(table);
        Consoles.Out.MarkupLine($"[grey]{Markup.Escape(DocumentSummary.Formula)}; lines in checklists, plans, risks and next steps refer to items and are not counted[/]");
    }

    /// <summary>The document's text, or null after a clear message (missing, too large, binary).</summary>
    private static string? Read(FileInfo file)
    {
        if (Directory.Exists(file.FullName))
        {
            Consoles.Fail($"{file}: is a folder; give the Markdown file, e.g. {Path.Combine(file.ToString(), "PRODUCTION_READINESS.md")}");
            return null;
        }
        try
        {
            if (file.Length > MaxDocumentSize)
            {
                Consoles.Fail($"{file}: {file.Length:N0} bytes is too large for a readiness document (limit {MaxDocumentSize:N0})");
                return null;
            }
            var bytes = File.ReadAllBytes(file.FullName);
            if (bytes.AsSpan(0, Math.Min(bytes.Length, 8000)).Contains((byte)0))
            {
                Consoles.Fail($"{file}: this is a binary file, not a Markdown document");
                return null;
            }
            return new System.Text.UTF8Encoding(false, false).GetString(bytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Consoles.Fail($"{file}: {e.Message}");
            return null;
        }
    }
}
