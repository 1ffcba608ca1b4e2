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
    ServeCommand.Create(),
    KeysCommand.Create(),
    PushCommand.Create(),
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
// No handler of Ctrl+C or SIGTERM here: `serve`'s host handles them, letting requests in flight finish.
return await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
