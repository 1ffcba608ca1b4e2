using ProdReady.Catalog;
using ProdReady.Model;
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

    /// <summary>The control waived until <paramref name="until"/>: what the scan said kept, the waiver added as evidence.</summary>
    public static Assessment Waive(Assessment assessment, string controlId, DateOnly until, string why)
    {
        var results = assessment.Results.Select(result => result.Control.Id != controlId ? result : result with
        {
            Status = ResultStatus.Waived,
            ScannedStatus = result.Status,
            Reason = "waived: " + why,
            Evidence =
            [
                new Evidence { Source = EvidenceSource.Attestation, Detector = "waiver", Supports = true, File = "prodready.yml", Line = 7, Expires = until, Message = why },
                .. result.Evidence,
            ],
        }).ToArray();
        return assessment with { Results = results, Scores = ScoreCalculator.Compute(results) };
    }
}
