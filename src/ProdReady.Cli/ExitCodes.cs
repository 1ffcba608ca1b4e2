namespace ProdReady.Cli;

/// <summary>Documented in the README: scripts depend on these.</summary>
internal static class ExitCodes
{
    public const int Done = 0;

    /// <summary>`gate`: the policy in prodready.yml failed; the reasons are printed.</summary>
    public const int PolicyFailed = 1;
    public const int BadInput = 2;
}
