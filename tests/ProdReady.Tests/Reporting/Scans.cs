using ProdReady.Catalog;
using ProdReady.Model;
using ProdReady.Policy;
using ProdReady.Scanning;
using ProdReady.Scoring;
using ProdReady.Tests.Support;

namespace ProdReady.Tests.Reporting;

/// <summary>Real scans for the report tests, and a waiver applied to one as prodready.yml would.</summary>
public static class Scans
{
    public static readonly ControlCatalog BuiltIn = CatalogLoader.LoadBuiltIn().Catalog;

    public const string ExpressPackage = "{\n  \"name\": \"orders\",\n  \"dependencies\": {\n    \"express\": \"^4.19.2\"\n  }\n}\n";

    /// <summary>An Express service whose Dockerfile switches to root on <paramref name="userLine"/>.</summary>
    public static TempRepo RootContainer(int userLine = 4)
    {
        var padding = string.Concat(Enumerable.Repeat("RUN true\n", userLine - 4));
        return new TempRepo(
            ("package.json", ExpressPackage),
            ("server.js", "const express = require('express');\nexpress().listen(3000);\n"),
            ("README.md", "# orders\n"),
            ("Dockerfile", $"FROM node:20.11-slim\nWORKDIR /app\nCOPY . .\n{padding}USER root\nCMD [\"node\", \"server.js\"]\n"));
    }

    public static Assessment Scan(string root) => Scanner.Scan(root, BuiltIn, new ScanOptions());

    public static Assessment Sample(string name) => Scanner.Scan(RepositoryRoot.Samples(name), BuiltIn, new ScanOptions(), target: "samples/" + name);

    /// <summary>The control waived by prodready.yml's waiver until <paramref name="until"/>, applied on 2026-11-22 as the policy does.</summary>
    public static Assessment Waive(Assessment assessment, string controlId, DateOnly until, string owner, string reason)
    {
        var waiver = new Waiver(controlId, new SourceLocation(PolicyFile.FileName, 12), reason, owner, until);
        var results = assessment.Results.Select(result => result.Control.Id == controlId ? PolicyApplier.Apply(result, waiver, new DateOnly(2026, 11, 22)) : result).ToArray();
        return assessment with { Results = results, Scores = ScoreCalculator.Compute(results) };
    }
}
