using Microsoft.Playwright;

namespace ProdReady.Tests.Support;

/// <summary>Debian's chromium driven by Playwright, headless; the tests never download a browser.</summary>
public static class Chromium
{
    public const string Path = "/usr/bin/chromium";

    /// <summary>Launches chromium, failing the test with how to install it when it is missing.</summary>
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        Assert.True(File.Exists(Path), $"{Path} is missing: install Debian's chromium with `apt-get update && apt-get install -y chromium` (.ci/run does so when run as root); the test never downloads a browser");
        return playwright.Chromium.LaunchAsync(new() { ExecutablePath = Path, Headless = true, Args = ["--no-sandbox"] });
    }

    /// <summary>Where a browser test's screenshots go: $PRODREADY_TEST_ARTIFACTS, else TestResults/<paramref name="folder"/> in the checkout (git-ignored).</summary>
    public static string Artifacts(string folder) => Environment.GetEnvironmentVariable("PRODREADY_TEST_ARTIFACTS") is { Length: > 0 } root
        ? root
        : System.IO.Path.Combine(RepositoryRoot.Path, "TestResults", folder);
}
