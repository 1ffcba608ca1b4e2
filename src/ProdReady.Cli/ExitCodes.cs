namespace ProdReady.Cli;

/// <summary>Documented in the README: scripts depend on these.</summary>
internal static class ExitCodes
{
    public const int Done = 0;
    public const int BadInput = 2;
}
