using ProdReady.Documents;

namespace ProdReady.Tests.Documents;

/// <summary>
/// The threshold for "this next-step line names that item": pairs a reader would call the same item must match,
/// pairs that only share a tool name or one generic word must not.
/// </summary>
public class TitleSimilarityTests
{
    [Theory]
    [InlineData("Verify database restore procedure", "Database restore verified")]
    [InlineData("Encrypt backups at rest", "Backup encryption at rest")]
    [InlineData("Set up staging environment", "Staging environment")]
    [InlineData("Scan container images", "Container image scanning")]
    [InlineData("Add circuit breaker for payment API", "Circuit breakers for external APIs")]
    [InlineData("Cost monitoring", "Monitor cloud costs")]
    [InlineData("Set up Loki for log aggregation", "Centralized log aggregation")]
    [InlineData("Run a load test at peak traffic (k6)", "Load Test at Peak Traffic")]
    public void TitlesOfTheSameItemMatch(string reference, string item)
    {
        Assert.True(TitleSimilarity.IsMatch(TitleSimilarity.Compare(TitleSimilarity.Words(reference), TitleSimilarity.Words(item))),
            $"{TitleSimilarity.Compare(TitleSimilarity.Words(reference), TitleSimilarity.Words(item))}");
    }

    [Theory]
    [InlineData("Add Snyk scanning to GitLab pipelines", "GitLab pipelines auto-deploy")] // only the platform in common: exactly 0.5
    [InlineData("Add more alert rules (disk, queue)", "Alerting rules in Prometheus")] // extends what exists
    [InlineData("Scan container images again after the base image update", "Container image scanning")]
    [InlineData("Complete documentation", "API documentation")] // one shared word is never enough
    [InlineData("Container hardening", "Container registry")]
    [InlineData("Set up Sentry for error tracking", "Comprehensive error handling")]
    [InlineData("Test disaster recovery", "Test backup restoration")]
    public void TitlesOfDifferentItemsDoNot(string reference, string item)
    {
        Assert.False(TitleSimilarity.IsMatch(TitleSimilarity.Compare(TitleSimilarity.Words(reference), TitleSimilarity.Words(item))),
            $"{TitleSimilarity.Compare(TitleSimilarity.Words(reference), TitleSimilarity.Words(item))}");
    }

    [Fact]
    public void WordsDropFillerPlanVerbsAsidesAndNumbers()
    {
        Assert.Equal(["circuit", "breaker", "payment", "api"], TitleSimilarity.Words("Add a circuit breaker for the Payment API (DONE - 2 retries)"));
        Assert.Empty(TitleSimilarity.Words("Add more alert rules"));
    }
}
