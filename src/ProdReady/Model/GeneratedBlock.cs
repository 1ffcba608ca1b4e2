namespace ProdReady.Model;

/// <summary>
/// The markers around text `prodready report` generates in a Markdown document. Shared by the writer, which updates
/// only between them, and the scanner, which never takes them as evidence: they repeat the catalog's own words.
/// </summary>
public static class GeneratedBlock
{
    public const string BeginPrefix = "<!-- prodready:begin ";
    public const string EndPrefix = "<!-- prodready:end ";
}
