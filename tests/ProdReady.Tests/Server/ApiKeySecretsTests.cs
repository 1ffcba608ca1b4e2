using ProdReady.Server.Auth;

namespace ProdReady.Tests.Server;

public class ApiKeySecretsTests
{
    private static readonly IssuedKey Issued = ApiKeySecrets.Issue();

    [Fact]
    public void AnIssuedKeyHasItsPrefixInClearAndVerifiesAgainstItsHash()
    {
        Assert.Matches("^prk_[a-z2-7]{8}_[A-Za-z0-9_-]{43}$", Issued.Key);
        Assert.Equal(Issued.Prefix, ApiKeySecrets.PrefixOf(Issued.Key));
        Assert.True(ApiKeySecrets.Verify(Issued.Key, Issued.Salt, Issued.Hash));
        Assert.Equal((16, 32), (Issued.Salt.Length, Issued.Hash.Length));
    }

    [Fact]
    public void AnyOtherKeyIsRefused()
    {
        var tampered = Issued.Key[..^1] + (Issued.Key[^1] == 'A' ? 'B' : 'A');
        var other = ApiKeySecrets.Issue();

        Assert.False(ApiKeySecrets.Verify(tampered, Issued.Salt, Issued.Hash));
        Assert.False(ApiKeySecrets.Verify(other.Key, Issued.Salt, Issued.Hash));
        Assert.False(ApiKeySecrets.Verify(Issued.Key, other.Salt, Issued.Hash));   // the salt is part of the hash
        Assert.False(ApiKeySecrets.Verify(Issued.Key, Issued.Salt, Issued.Hash[..16]));
        Assert.NotEqual(Issued.Key, other.Key);
        Assert.NotEqual(Issued.Salt, other.Salt);
    }

    [Theory]
    [InlineData("")]
    [InlineData("prk_")]
    [InlineData("prk_abcdefgh")]
    [InlineData("prk_abcdefghX")]
    [InlineData("Bearer prk_abcdefgh_x")]
    [InlineData("ghp_abcdefgh_xxxxxxxx")]
    public void SomethingShapedOtherwiseHasNoPrefix(string presented) => Assert.Null(ApiKeySecrets.PrefixOf(presented));
}
