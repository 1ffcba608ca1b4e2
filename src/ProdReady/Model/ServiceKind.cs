namespace ProdReady.Model;

/// <summary>What a repository builds. Controls declare the kinds they apply to.</summary>
public static class ServiceKind
{
    public const string HttpApi = "http-api";
    public const string Worker = "worker";
    public const string Cli = "cli";
    public const string Library = "library";

    public static readonly IReadOnlyList<string> All = [HttpApi, Worker, Cli, Library];

    public static bool IsKnown(string kind) => All.Contains(kind);
}
