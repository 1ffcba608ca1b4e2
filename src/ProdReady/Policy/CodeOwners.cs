namespace ProdReady.Policy;

/// <summary>The repository-wide owner a CODEOWNERS file names, for `prodready init` to suggest.</summary>
public static class CodeOwners
{
    private static readonly string[] Locations = ["CODEOWNERS", ".github/CODEOWNERS", "docs/CODEOWNERS", ".gitlab/CODEOWNERS"];

    /// <summary>The first owner of the last `*` line (the last matching line wins, as on GitHub and GitLab); null when none.</summary>
    public static string? DefaultOwner(string repositoryRoot)
    {
        foreach (var location in Locations)
        {
            var path = Path.Combine(repositoryRoot, location);
            if (!File.Exists(path))
            {
                continue;
            }
            string[] lines;
            try
            {
                lines = File.ReadAllLines(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return null;
            }
            return lines
                .Select(line => line.Split('#')[0].Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
                .LastOrDefault(fields => fields.Length >= 2 && fields[0] is "*" or "/*" or "/**" or "**")?[1];
        }
        return null;
    }
}
