namespace ProdReady.Scanning.Content;

/// <summary>Languages grouped by how their comments and string literals are written.</summary>
internal enum Dialect
{
    None,
    JavaScript,
    CSharp,
    Go,
    Java,
    Kotlin,
    Python,
    Toml,
    Yaml,
    Shell,
    Sql,
    Xml,
    Markdown,
}

internal static class Dialects
{
    public static Dialect Of(string language) => language switch
    {
        Languages.JavaScript or Languages.TypeScript => Dialect.JavaScript,
        Languages.CSharp => Dialect.CSharp,
        Languages.Go => Dialect.Go,
        Languages.Java => Dialect.Java,
        Languages.Kotlin => Dialect.Kotlin,
        Languages.Python => Dialect.Python,
        Languages.Toml => Dialect.Toml,
        Languages.Yaml => Dialect.Yaml,
        // RUN lines are shell, and Docker's own comments start a line, which the shell rule covers.
        Languages.Shell or Languages.Dockerfile => Dialect.Shell,
        Languages.Sql => Dialect.Sql,
        Languages.Xml => Dialect.Xml,
        Languages.Markdown => Dialect.Markdown,
        _ => Dialect.None,
    };
}
