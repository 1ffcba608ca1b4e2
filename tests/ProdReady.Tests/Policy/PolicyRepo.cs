using ProdReady.Model;
using ProdReady.Policy;
using ProdReady.Scanning;
using ProdReady.Tests.Support;

namespace ProdReady.Tests.Policy;

/// <summary>A small real Express service on disk, with the prodready.yml a test gives it, assessed as `scan` does.</summary>
internal static class PolicyRepo
{
    public static TempRepo Create(string policyYaml, params (string Path, string Content)[] more) => new([
        ("package.json", """{ "name": "orders", "dependencies": { "express": "4.19.2" } }"""),
        ("src/app.js", "const express = require('express');\nconst app = express();\napp.get('/orders', (req, res) => res.json([]));\napp.listen(3000);\n"),
        (PolicyFile.FileName, policyYaml),
        .. more,
    ]);

    public static (Assessment Assessment, LoadedPolicy Loaded) Assess(TempRepo repo, DateOnly today)
    {
        var loaded = PolicyLoader.Load(repo.Root);
        Assert.True(loaded.Ok, string.Join("\n", loaded.Errors));
        var scanned = Scanner.Scan(repo.Root, loaded.Catalog, new ScanOptions { Ignore = loaded.Policy.Ignore, Kind = loaded.Policy.Service.Kind });
        return (PolicyApplier.Apply(scanned, loaded.Policy, today), loaded);
    }

    public static ControlResult Result(this Assessment assessment, string id) => assessment.Results.Single(result => result.Control.Id == id);
}
