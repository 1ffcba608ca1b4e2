namespace ProdReady.Scanning.Paths;

/// <summary>
/// Recognises test code and test data by the conventions of each ecosystem, so that evidence about what a service
/// does comes from the service, not from a test that pings the database or a fixture holding a made-up key.
/// </summary>
public static class TestFiles
{
    // Folders that hold tests or their data wherever they appear ("src/test/java", "app/tests", "pkg/testdata").
    private static readonly HashSet<string> TestFolders = new(StringComparer.OrdinalIgnoreCase)
    {
        "test", "tests", "__tests__", "e2e", "testdata", "test-data", "test_data", "fixtures", "__fixtures__", "__mocks__",
    };

    // .NET test projects are folders named after the project ("Ordering.UnitTests").
    private static readonly string[] TestProjectSuffixes = [".Tests", ".Test", ".UnitTests", ".IntegrationTests", ".FunctionalTests"];

    // Case-sensitive, so that "Manifest.java" and "Latest.cs" stay production code.
    private static readonly string[] TestClassSuffixes = ["Test.java", "Tests.java", "IT.java", "Test.kt", "Tests.kt", "Test.cs", "Tests.cs"];

    /// <summary>Whether a repository-relative path (forward slashes) is a test file or test data.</summary>
    public static bool IsTest(string path)
    {
        var segments = path.Split('/');
        var name = segments[^1];
        for (int i = 0; i < segments.Length - 1; i++)
        {
            if (TestFolders.Contains(segments[i]) || TestProjectSuffixes.Any(suffix => segments[i].EndsWith(suffix, StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }
        return name.EndsWith("_test.go", StringComparison.Ordinal)
            || (name.EndsWith(".py", StringComparison.Ordinal) && (name.StartsWith("test_", StringComparison.Ordinal) || name.EndsWith("_test.py", StringComparison.Ordinal) || name == "conftest.py"))
            || name.Contains(".test.", StringComparison.Ordinal)
            || name.Contains(".spec.", StringComparison.Ordinal)
            || TestClassSuffixes.Any(suffix => name.EndsWith(suffix, StringComparison.Ordinal) && name.Length > suffix.Length);
    }
}
