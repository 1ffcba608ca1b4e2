using ProdReady.Server.Webhooks;

namespace ProdReady.Tests.Server;

public class WebhookSignatureTests
{
    private const string Secret = "whsec-test-secret";
    private const string Body = """{"event":"p0.failing","deliveryId":7}""";
    private static readonly DateTimeOffset SentAt = DateTimeOffset.FromUnixTimeSeconds(1_795_000_000);
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    [Fact]
    public void TheSignatureIsHmacSha256OfTimestampDotBodyAsOpensslComputesIt()
    {
        // printf '%s' '1795000000.{"event":"p0.failing","deliveryId":7}' | openssl dgst -sha256 -hmac whsec-test-secret
        Assert.Equal("t=1795000000,v1=76fdee383f7c9b1c989c69f9f1f76a1ef9bec8cefffa9c6c7cc7f64f318924fc", WebhookSignature.Sign(Body, Secret, SentAt));
    }

    [Fact]
    public void ASignatureVerifiesWithinTheToleranceEitherSide()
    {
        var header = WebhookSignature.Sign(Body, Secret, SentAt);

        Assert.True(WebhookSignature.Verify(header, Body, Secret, SentAt, Tolerance));
        Assert.True(WebhookSignature.Verify(header, Body, Secret, SentAt + Tolerance, Tolerance));
        Assert.True(WebhookSignature.Verify(header, Body, Secret, SentAt - Tolerance, Tolerance));
    }

    [Fact]
    public void ATamperedBodyAnotherSecretOrATimestampOutsideTheToleranceFails()
    {
        var header = WebhookSignature.Sign(Body, Secret, SentAt);

        Assert.False(WebhookSignature.Verify(header, Body.Replace("7", "8", StringComparison.Ordinal), Secret, SentAt, Tolerance));
        Assert.False(WebhookSignature.Verify(header, Body + " ", Secret, SentAt, Tolerance));
        Assert.False(WebhookSignature.Verify(header, Body, "whsec-other-secret", SentAt, Tolerance));
        Assert.False(WebhookSignature.Verify(header, Body, Secret, SentAt + Tolerance + TimeSpan.FromSeconds(1), Tolerance));
        Assert.False(WebhookSignature.Verify(header, Body, Secret, SentAt - Tolerance - TimeSpan.FromSeconds(1), Tolerance));
        // A replay under a fresh timestamp: the old MAC does not cover the new one.
        Assert.False(WebhookSignature.Verify(header.Replace("t=1795000000", "t=1795000600", StringComparison.Ordinal), Body, Secret, SentAt.AddMinutes(10), Tolerance));
    }

    [Fact]
    public void AnyOfSeveralV1SignaturesMayMatch()
    {
        var header = WebhookSignature.Sign(Body, Secret, SentAt);
        var rotated = $"t=1795000000,v1={new string('0', 64)},{header[(header.IndexOf(',', StringComparison.Ordinal) + 1)..]}";

        Assert.True(WebhookSignature.Verify(rotated, Body, Secret, SentAt, Tolerance));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("v1=76fdee383f7c9b1c989c69f9f1f76a1ef9bec8cefffa9c6c7cc7f64f318924fc")]
    [InlineData("t=1795000000")]
    [InlineData("t=1795000000,v1=76fdee38")]
    [InlineData("t=-1795000000,v1=76fdee383f7c9b1c989c69f9f1f76a1ef9bec8cefffa9c6c7cc7f64f318924fc")]
    [InlineData("t=99999999999999999999,v1=76fdee383f7c9b1c989c69f9f1f76a1ef9bec8cefffa9c6c7cc7f64f318924fc")]
    [InlineData("t=1795000000,v1=zzfdee383f7c9b1c989c69f9f1f76a1ef9bec8cefffa9c6c7cc7f64f318924fc")]
    [InlineData("t=1795000000,v0=76fdee383f7c9b1c989c69f9f1f76a1ef9bec8cefffa9c6c7cc7f64f318924fc")]
    public void AMalformedHeaderIsRefused(string? header) => Assert.False(WebhookSignature.Verify(header, Body, Secret, SentAt, Tolerance));
}
