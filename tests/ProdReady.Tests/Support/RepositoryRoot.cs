namespace ProdReady.Tests.Support;

/// <summary>The checkout this test run belongs to (the folder holding ProdReady.sln).</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    public static string Samples(string name) => System.IO.Path.Combine(Path, "samples", name);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "ProdReady.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("ProdReady.sln not found above " + AppContext.BaseDirectory);
    }
}
