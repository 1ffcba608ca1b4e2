using ProdReady.Server.Webhooks;

namespace ProdReady.Tests.Server;

public class WebhookOptionsTests
{
    [Fact]
    public void TheRetryCeilingDoublesFromTheBaseDelayUpToTheMaximum()
    {
        var options = new WebhookOptions();

        Assert.Equal(
            [30, 60, 120, 240, 480, 960, 1920, 3600, 3600],
            new[] { 1, 2, 3, 4, 5, 6, 7, 8, 5000 }.Select(attempts => options.RetryCeiling(attempts).TotalSeconds));
    }

    [Fact]
    public void TheOptionsTextLeavesTheSecretOut()
    {
        var options = new WebhookOptions { Urls = ["https://hooks.example/prodready"], Secret = "whsec-test-secret" };

        Assert.Equal(
            "WebhookOptions { Urls = [https://hooks.example/prodready], Secret = ***, MaxAttempts = 8, BaseDelay = 00:00:30, MaxDelay = 01:00:00 }",
            options.ToString());
    }
}
