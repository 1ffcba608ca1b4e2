using System.CommandLine;
using ProdReady.Cli;
using Spectre.Console;

var root = new RootCommand("ProdReady: how ready is this service for production? Evidence, not claims.")
{
    ScanCommand.Create(),
    GateCommand.Create(),
    InitCommand.Create(),
    RulesCommand.Create(),
    DocCommand.Create(),
    ProbeCommand.Create(),
    HistoryCommand.Create(),
    DiffCommand.Create(),
    ReportCommand.Create(),
};

var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    foreach (var error in parse.Errors)
    {
        Consoles.Fail(error.Message);
    }
    Consoles.Error.WriteLine("Run 'prodready --help' for usage.");
    return ExitCodes.BadInput;
}
return parse.Invoke();
