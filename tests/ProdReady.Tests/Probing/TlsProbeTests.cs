using System.Security.Authentication;
using ProdReady.Probing;
using ProdReady.Probing.Probes;
using ProdReady.TestTarget;
using static ProdReady.Tests.Probing.ProbeTestSupport;

namespace ProdReady.Tests.Probing;

public class TlsProbeTests
{
    private static DateTimeOffset InDays(double days) => DateTimeOffset.UtcNow.AddDays(days);

    private static string Date(DateTimeOffset date) => TlsCertificate.Date(date);

    [Fact]
    public async Task ATrustedCertificateForTheHostPassesWithItsDetails()
    {
        using var root = TestCertificates.Authority();
        var notAfter = InDays(90);
        using var server = TestCertificates.Server(root, notAfter, "127.0.0.1", "localhost");

        var report = await Probe(new TargetBehaviour { Certificate = server }, new TlsProbe(), new ProbeOptions { TrustedRoots = [root] });

        var finding = Single(report, "tls.certificate");
        Assert.Equal(ProbeVerdict.Pass, finding.Verdict);
        Assert.Equal($"certificate valid until {Date(notAfter)} (90 days), trusted chain, issued for 127.0.0.1", finding.Message);
        Assert.Equal($"subject CN=127.0.0.1; issuer CN=ProdReady Test Root; expires {Date(notAfter)}; names localhost, 127.0.0.1", finding.Excerpt);
        Assert.StartsWith("TLS / → handshake completed: TLS 1.", finding.Exchanges[0].Summary);
    }

    [Fact]
    public async Task ACertificateExpiringWithinThirtyDaysWarns()
    {
        using var root = TestCertificates.Authority();
        var notAfter = InDays(10);
        using var server = TestCertificates.Server(root, notAfter, "127.0.0.1");

        var report = await Probe(new TargetBehaviour { Certificate = server }, new TlsProbe(), new ProbeOptions { TrustedRoots = [root] });

        var finding = Single(report, "tls.certificate");
        Assert.Equal(ProbeVerdict.Warn, finding.Verdict);
        Assert.Equal($"the certificate expires in 10 days, on {Date(notAfter)}: renewal should have happened by now", finding.Message);
    }

    public static TheoryData<string, string> BadCertificates => new()
    {
        { "self-signed", "clients will refuse the certificate: self-signed" },
        { "wrong name", "clients will refuse the certificate: issued for wrong.example.test, not 127.0.0.1" },
        { "expired", $"clients will refuse the certificate: expired on {Date(InDays(-1))}" },
        { "unknown issuer", "clients will refuse the certificate: issued by CN=ProdReady Test Root, which is neither trusted nor sent by the server (a missing intermediate, or a private CA)" },
    };

    [Theory]
    [MemberData(nameof(BadCertificates))]
    public async Task ABadCertificateFailsWhenTheUserProbesAnyway(string kind, string message)
    {
        using var root = TestCertificates.Authority();
        using var server = kind switch
        {
            "self-signed" => TestCertificates.Server(null, InDays(90), "127.0.0.1"),
            "wrong name" => TestCertificates.Server(root, InDays(90), "wrong.example.test"),
            "expired" => TestCertificates.Server(root, InDays(-1), "127.0.0.1"),
            _ => TestCertificates.Server(root, InDays(90), "127.0.0.1"),
        };
        var options = new ProbeOptions { Insecure = true, TrustedRoots = kind == "unknown issuer" ? [] : [root] };

        var report = await Probe(new TargetBehaviour { Certificate = server }, new TlsProbe(), options);

        var finding = Single(report, "tls.certificate");
        Assert.Equal((ProbeVerdict.Fail, message), (finding.Verdict, finding.Message));
        Assert.Equal(ProdReady.Model.Priority.P1, finding.Severity);
    }

    [Fact]
    public async Task AnIntermediateIsTrustedWhenTheServerSendsIt()
    {
        using var root = TestCertificates.Authority();
        using var intermediate = TestCertificates.Authority(root, "ProdReady Test Issuing CA");
        using var server = TestCertificates.Server(intermediate, InDays(90), "127.0.0.1");
        var options = new ProbeOptions { Insecure = true, TrustedRoots = [root] };

        var sent = await Probe(new TargetBehaviour { Certificate = server, CertificateChain = [intermediate] }, new TlsProbe(), options);
        var missing = await Probe(new TargetBehaviour { Certificate = server }, new TlsProbe(), options);

        Assert.Equal(ProbeVerdict.Pass, Single(sent, "tls.certificate").Verdict);
        Assert.Equal(
            "clients will refuse the certificate: issued by CN=ProdReady Test Issuing CA, which is neither trusted nor sent by the server (a missing intermediate, or a private CA)",
            Single(missing, "tls.certificate").Message);
    }

    [Fact]
    public void ARootTheServerSendsButNoClientTrustsIsNamed()
    {
        using var root = TestCertificates.Authority();
        using var server = TestCertificates.Server(root, InDays(90), "127.0.0.1");
        using var presented = new System.Security.Cryptography.X509Certificates.X509Chain();
        presented.ChainPolicy.ExtraStore.Add(root);

        var judged = TlsCertificate.Judge(server, presented, System.Net.Security.SslPolicyErrors.RemoteCertificateChainErrors, "127.0.0.1", []);

        Assert.Equal("issued under an untrusted root (CN=ProdReady Test Root)", judged.ChainProblem);
        Assert.Null(TlsCertificate.Judge(server, presented, System.Net.Security.SslPolicyErrors.RemoteCertificateChainErrors, "127.0.0.1", [root]).ChainProblem);
    }

    [Fact]
    public async Task WithoutInsecureABadCertificateMakesTheTargetUnreachableInOneLine()
    {
        using var server = TestCertificates.Server(null, InDays(90), "127.0.0.1");

        var report = await Probe(new TargetBehaviour { Certificate = server }, new TlsProbe());

        Assert.Equal("TLS certificate rejected: self-signed (--ca-file trusts a private CA; --insecure probes anyway)", report.Unreachable);
        Assert.Equal(1, report.RequestsSent);
        Assert.Empty(report.Findings);
    }

    [Fact]
    public async Task TheCaFileRootIsTrustedForTheHttpProbesButNotAWrongName()
    {
        using var root = TestCertificates.Authority();
        using var server = TestCertificates.Server(root, InDays(90), "wrong.example.test");

        var report = await Probe(new TargetBehaviour { Certificate = server }, new TlsProbe(), new ProbeOptions { TrustedRoots = [root] });

        Assert.Equal("TLS certificate rejected: issued for wrong.example.test, not 127.0.0.1 (--ca-file trusts a private CA; --insecure probes anyway)", report.Unreachable);
    }

    [Fact]
    public async Task TlsOneThreeIsSeenInTheFirstHandshakeAndMissingItWarns()
    {
        using var root = TestCertificates.Authority();
        using var server = TestCertificates.Server(root, InDays(90), "127.0.0.1");
        var options = new ProbeOptions { TrustedRoots = [root] };

        var modern = await Probe(new TargetBehaviour { Certificate = server }, new TlsProbe(), options);
        var only12 = await Probe(new TargetBehaviour { Certificate = server, TlsProtocols = SslProtocols.Tls12 }, new TlsProbe(), options);

        Assert.Equal((ProbeVerdict.Pass, "TLS 1.3 is offered"), (Single(modern, "tls.1.3").Verdict, Single(modern, "tls.1.3").Message));
        var missing = Single(only12, "tls.1.3");
        Assert.Equal(ProbeVerdict.Warn, missing.Verdict);
        Assert.Equal("TLS 1.3 is not offered (clients get TLS 1.2): 1.3 saves a round trip and drops weak ciphers", missing.Message);
        Assert.StartsWith("TLS 1.3 / → refused: ", missing.Exchanges[0].Summary);
        // Root and two baseline paths, then: the first handshake, the 1.3-only one, and (where this machine can offer
        // them) TLS 1.0 and 1.1; no http port is known for a random https port.
        var legacy = TlsVersions.CanOffer(Legacy) ? 2 : 0;
        Assert.Equal(3 + 1 + legacy, modern.RequestsSent);
        Assert.Equal(3 + 2 + legacy, only12.RequestsSent);
    }

#pragma warning disable SYSLIB0039 // only to ask whether this machine offers them
    private const SslProtocols Legacy = SslProtocols.Tls;
#pragma warning restore SYSLIB0039

    [Theory]
    [InlineData(PlainHttpStyle.Redirect301, ProbeVerdict.Pass, "plain http redirects permanently (301) to https")]
    [InlineData(PlainHttpStyle.Redirect302, ProbeVerdict.Warn, "plain http redirects to https only temporarily (302): use 301 or 308 so clients remember")]
    [InlineData(PlainHttpStyle.Serve, ProbeVerdict.Fail, "plain http serves content (200) instead of redirecting to https: anyone on the path can read and change it")]
    public async Task PlainHttpShouldRedirectPermanentlyToHttps(PlainHttpStyle style, ProbeVerdict verdict, string message)
    {
        using var root = TestCertificates.Authority();
        using var server = TestCertificates.Server(root, InDays(90), "127.0.0.1");
        var port = Support.Loopback.FreePort();

        var report = await Probe(new TargetBehaviour { Certificate = server, PlainHttp = style, PlainHttpPort = port }, new TlsProbe(), new ProbeOptions { TrustedRoots = [root], HttpPort = port });

        var finding = Single(report, "tls.http-redirect");
        Assert.Equal((verdict, message), (finding.Verdict, finding.Message));
        Assert.Equal($"http://127.0.0.1:{port}/", finding.Exchanges[0].Url.ToString());
        if (style != PlainHttpStyle.Serve)
        {
            Assert.Matches(@"^Location: https://127\.0\.0\.1:\d+/$", finding.Excerpt);
        }
    }

    [Fact]
    public async Task NothingOnTheHttpPortOrNoKnownPortIsInconclusive()
    {
        using var root = TestCertificates.Authority();
        using var server = TestCertificates.Server(root, InDays(90), "127.0.0.1");
        var port = Support.Loopback.FreePort();

        var closed = await Probe(new TargetBehaviour { Certificate = server }, new TlsProbe(), new ProbeOptions { TrustedRoots = [root], HttpPort = port });
        var unknown = await Probe(new TargetBehaviour { Certificate = server }, new TlsProbe(), new ProbeOptions { TrustedRoots = [root] });

        Assert.Equal($"nothing answers plain http on port {port}: connection refused", Single(closed, "tls.http-redirect").Message);
        Assert.Equal(ProbeVerdict.Inconclusive, Single(closed, "tls.http-redirect").Verdict);
        var finding = Single(unknown, "tls.http-redirect");
        Assert.Equal(ProbeVerdict.Inconclusive, finding.Verdict);
        Assert.Matches(@"^https is on port \d+, so where plain http is served is unknown: give --http-port to check that it redirects$", finding.Message);
    }

    [Theory]
    [InlineData("https://api.example.test/", null, 80)]
    [InlineData("https://api.example.test:8443/", null, null)]
    [InlineData("https://api.example.test:8443/", 8080, 8080)]
    public void TheHttpPortIsEightyOnlyBesideTheDefaultHttpsPort(string target, int? given, int? expected)
    {
        Assert.Equal(expected, TlsProbe.HttpPortFor(new Uri(target), given));
    }

    [Fact]
    public async Task APlainHttpTargetIsNotJudged()
    {
        var report = await Probe(new TargetBehaviour(), new TlsProbe());

        Assert.Equal(["tls Inconclusive"], Verdicts(report));
        Assert.Equal("plain http: TLS not judged", report.Findings[0].Message);
        Assert.Equal(3, report.RequestsSent);
    }
}
