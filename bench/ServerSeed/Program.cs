using System.Diagnostics;
using System.Globalization;
using ProdReady.Bench.ServerSeed;
using ProdReady.Catalog;
using ProdReady.Scanning;
using ProdReady.Server.Store;

// ServerSeed PROVIDER CONNECTION-STRING SAMPLES-DIR SERVICES ASSESSMENTS WORKERS
// Stores SERVICES x ASSESSMENTS assessments through PortfolioStore.IngestAsync, WORKERS services at a time.
if (args.Length != 6)
{
    Console.Error.WriteLine("usage: ServerSeed sqlite|postgres CONNECTION-STRING SAMPLES-DIR SERVICES ASSESSMENTS WORKERS");
    return 2;
}
var provider = args[0] == "postgres" ? StoreProvider.Postgres : StoreProvider.Sqlite;
var services = int.Parse(args[3], CultureInfo.InvariantCulture);
var perService = int.Parse(args[4], CultureInfo.InvariantCulture);
var workers = int.Parse(args[5], CultureInfo.InvariantCulture);

var catalog = CatalogLoader.LoadBuiltIn().Catalog;
var samples = new[] { "aspnet-api", "go-hardened", "node-express-api", "python-fastapi" }
    .Select(name => Scanner.Scan(Path.Combine(args[2], name), catalog, new ScanOptions(), target: "samples/" + name))
    .ToArray();
var portfolio = new SeedPortfolio(samples, perService);
var store = await PortfolioStore.OpenAsync(provider, args[1]);

var clock = Stopwatch.StartNew();
var stored = 0;
var bytes = 0L;
await Parallel.ForEachAsync(Enumerable.Range(0, services), new ParallelOptions { MaxDegreeOfParallelism = workers }, async (service, cancel) =>
{
    foreach (var document in portfolio.Documents(service))
    {
        var result = await store.IngestAsync(document, cancel: cancel);
        if (result.Outcome != IngestOutcome.Stored)
        {
            throw new InvalidOperationException($"{SeedPortfolio.ServiceName(service)}: {result.Outcome} {result.Problem}");
        }
        Interlocked.Add(ref bytes, document.Length);
        if (Interlocked.Increment(ref stored) % 10_000 == 0)
        {
            Console.Error.WriteLine($"  seeded {stored} assessments, {clock.Elapsed.TotalSeconds:F0} s");
        }
    }
});
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"seeded {services} services x {perService} assessments = {stored} in {clock.Elapsed.TotalSeconds:F1} s ({stored / clock.Elapsed.TotalSeconds:F0}/s, documents {bytes / stored / 1024} KB on average)"));
return 0;
