using System.CommandLine;
using ProdReady.Catalog;
using ProdReady.Model;
using ProdReady.Policy;
using Spectre.Console;

namespace ProdReady.Cli;

internal static class RulesCommand
{
    public static Command Create()
    {
        var list = new Command("list", "List every control: id, priority, category, title");
        var repo = new Option<string?>("--repo") { Description = "Include the overrides in this repository's .prodready/rules/" };
        list.Options.Add(repo);
        list.SetAction(parse => List(parse.GetValue(repo)));

        var id = new Argument<string>("id") { Description = "Control id, e.g. sec.api-auth" };
        var show = new Command("show", "Show one control in full, as defined in YAML") { id, repo };
        show.SetAction(parse => Show(parse.GetValue(id)!, parse.GetValue(repo)));

        var directory = new Argument<string>("dir") { Description = "Folder of rule files (*.yaml) to check" };
        var validate = new Command("validate", "Check rule files and run every rule's pass/fail examples") { directory };
        validate.SetAction(parse => Validate(parse.GetValue(directory)!));

        return new Command("rules", "Read and check the control catalog") { list, show, validate };
    }

    /// <summary>
    /// The built-in catalog, with the repository's overrides (.prodready/rules/ and prodready.yml's rule folders) when
    /// given; null after printing the errors.
    /// </summary>
    public static ControlCatalog? Load(string? repository)
    {
        var (catalog, errors) = repository is null ? CatalogLoader.LoadBuiltIn() : Catalog(PolicyLoader.Load(repository));
        if (errors.Count == 0)
        {
            return catalog;
        }
        PrintErrors(errors);
        return null;
    }

    private static CatalogLoadResult Catalog(LoadedPolicy loaded) => new(loaded.Catalog, loaded.Errors);

    private static int List(string? repository)
    {
        if (Load(repository) is not { } loaded)
        {
            return ExitCodes.BadInput;
        }
        var table = new Table().Border(TableBorder.Simple).AddColumns("id", "priority", "category", "title", "applies to");
        foreach (var control in loaded.Controls)
        {
            table.AddRow(
                Markup.Escape(control.Id),
                control.Priority.ToString(),
                control.Category,
                Markup.Escape(control.Title),
                Markup.Escape(Applies(control.Applies)));
        }
        Consoles.Out.Write(table);
        Consoles.Out.MarkupLine($"[grey]{loaded.Controls.Count} controls; `prodready rules show ID` for one.[/]");
        return ExitCodes.Done;
    }

    private static int Show(string id, string? repository)
    {
        if (Load(repository) is not { } loaded)
        {
            return ExitCodes.BadInput;
        }
        if (loaded.Find(id) is not { } control)
        {
            Consoles.Fail($"no control with id '{id}'; `prodready rules list` shows them all");
            return ExitCodes.BadInput;
        }
        Consoles.Out.MarkupLine($"[grey]# {Markup.Escape(control.Origin.ToString())}[/]");
        Consoles.Out.WriteLine(control.SourceText);
        return ExitCodes.Done;
    }

    private static int Validate(string directory)
    {
        if (!Directory.Exists(directory))
        {
            Consoles.Fail($"{directory}: no such folder");
            return ExitCodes.BadInput;
        }
        var sources = RuleSource.FromDirectory(directory, Directory.GetCurrentDirectory());
        if (sources.Count == 0)
        {
            Consoles.Fail($"{directory}: no *.yaml rule files");
            return ExitCodes.BadInput;
        }
        var loaded = CatalogLoader.Load([RuleSource.BuiltIn(), sources]);
        if (!loaded.Ok)
        {
            PrintErrors(loaded.Errors);
            return ExitCodes.BadInput;
        }
        var files = sources.Select(source => source.Name).ToHashSet(StringComparer.Ordinal);
        var mine = new ControlCatalog(
            [.. loaded.Catalog.Controls.Where(control => files.Contains(control.Origin.File))],
            [.. loaded.Catalog.Frameworks.Where(framework => files.Contains(framework.Origin.File))],
            [.. loaded.Catalog.Features.Where(feature => files.Contains(feature.Origin.File))]);
        var failures = RuleSelfTester.Run(mine);
        foreach (var failure in failures)
        {
            Consoles.Error.MarkupLine($"[red]{Markup.Escape(failure.Example.ToString())}[/]: {Markup.Escape(failure.RuleId)}: example expected {failure.Expected.ToId()} but was {failure.Actual.ToId()} ({Markup.Escape(failure.Detail)})");
        }
        var examples = mine.Controls.Sum(c => c.Examples.Count) + mine.Frameworks.Sum(f => f.Examples.Count) + mine.Features.Sum(f => f.Examples.Count);
        var summary = $"{sources.Count} files, {mine.Controls.Count} controls, {mine.Frameworks.Count} frameworks, {mine.Features.Count} features, {examples} examples: {failures.Count} failed";
        if (failures.Count > 0)
        {
            Consoles.Fail(summary);
            return ExitCodes.BadInput;
        }
        Consoles.Out.MarkupLine($"[green]ok[/] {Markup.Escape(summary)}");
        return ExitCodes.Done;
    }

    public static void PrintErrors(IReadOnlyList<Diagnostic> errors)
    {
        foreach (var error in errors)
        {
            Consoles.Error.MarkupLine($"[red]{Markup.Escape(error.ToString())}[/]");
        }
        var inPolicy = errors.Count(error => error.File == PolicyFile.FileName);
        var where = inPolicy == errors.Count ? PolicyFile.FileName : inPolicy == 0 ? "the rule files" : $"{PolicyFile.FileName} and the rule files";
        Consoles.Fail($"{errors.Count} problem{(errors.Count == 1 ? "" : "s")} in {where}; nothing was scanned");
    }

    private static string Applies(Applicability applies)
    {
        if (applies.IsAlways)
        {
            return "all";
        }
        var parts = new[] { string.Join("/", applies.Kinds), string.Join("/", applies.Ecosystems), string.Join("+", applies.Features) };
        return string.Join(" · ", parts.Where(part => part.Length > 0));
    }
}
