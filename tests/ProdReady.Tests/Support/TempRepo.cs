namespace ProdReady.Tests.Support;

/// <summary>A real folder on disk with the given files, deleted afterwards.</summary>
public sealed class TempRepo : IDisposable
{
    public TempRepo(params (string Path, string Content)[] files)
    {
        Root = Directory.CreateTempSubdirectory("prodready-test-").FullName;
        foreach (var (path, content) in files)
        {
            Write(path, content);
        }
    }

    public string Root { get; }

    public string Write(string path, string content)
    {
        var full = Path.Combine(Root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return full;
    }

    public string WriteBytes(string path, byte[] content)
    {
        var full = Path.Combine(Root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, content);
        return full;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A test that made a symlink loop may leave entries the recursive delete trips on; temp is cleaned eventually.
        }
    }
}
