using System.CommandLine;
using ProdReady.Policy;
using ProdReady.Reporting;
using ProdReady.Scanning;

namespace ProdReady.Cli;

/// <summary>`prodready init`: detect the stack, write prodready.yml and a CI workflow; never overwrite without --force.</summary>
internal static class InitCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "Repository to set up", DefaultValueFactory = _ => "." };
        var force = new Option<bool>("--force") { Description = "Replace files that already exist" };
        var command = new Command("init", "Write a commented prodready.yml and a GitHub Actions workflow that runs the gate; print the GitLab CI equivalent")
        {
            path, force,
        };
        command.SetAction(parse => Run(parse.GetValue(path)!, parse.GetValue(force)));
        return command;
    }

    private static int Run(string path, bool force)
    {
        if (!Directory.Exists(path))
        {
            Consoles.Fail($"{path}: no such folder");
            return ExitCodes.BadInput;
        }
        if (RulesCommand.Load(null) is not { } catalog)
        {
            return ExitCodes.BadInput;
        }
        var assessment = Scanner.Scan(path, catalog, new ScanOptions());
        var root = Path.GetFullPath(path);
        var files = StarterFiles.Create(assessment, Path.GetFileName(root.TrimEnd(Path.DirectorySeparatorChar)), CodeOwners.DefaultOwner(root), Today.Utc);
        var existing = files.Where(file => File.Exists(Path.Combine(root, file.Path))).Select(file => file.Path).ToList();
        if (existing.Count > 0 && !force)
        {
            Consoles.Fail($"{string.Join(", ", existing)} already exist{(existing.Count == 1 ? "s" : "")}; nothing was written (--force replaces them)");
            return ExitCodes.BadInput;
        }
        foreach (var file in files)
        {
            if (Output.Write(new FileInfo(Path.Combine(root, file.Path)), writer => writer.Write(file.Content)) != ExitCodes.Done)
            {
                return ExitCodes.BadInput;
            }
            Console.Out.WriteLine($"wrote {file.Path}");
        }
        Console.Out.WriteLine();
        Console.Out.WriteLine($"detected: {ReportText.StackLine(assessment.Stack)}");
        Console.Out.WriteLine();
        Console.Out.WriteLine("On GitLab, add this job to .gitlab-ci.yml instead of the workflow:");
        Console.Out.WriteLine();
        Console.Out.Write(StarterFiles.GitLabJob(assessment.ToolVersion));
        Console.Out.WriteLine();
        Console.Out.WriteLine("Next: `prodready gate` shows what the policy fails on; fix it, or waive or attest it in prodready.yml.");
        Console.Out.WriteLine("To adopt the gate today and ratchet up: `prodready gate --update-baseline`, commit .prodready/baseline.json,");
        Console.Out.WriteLine("and add `--baseline .prodready/baseline.json` to the workflow's gate step.");
        return ExitCodes.Done;
    }
}
