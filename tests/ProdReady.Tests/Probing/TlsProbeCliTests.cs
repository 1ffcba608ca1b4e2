using System.Security.Authentication;
using System.Text.Json;
using ProdReady.TestTarget;

namespace ProdReady.Tests.Probing;

/// <summary>
/// The TLS options end to end, and TLS 1.0/1.1 with OpenSSL's settings fixed per process through OPENSSL_CONF: with
/// OpenSSL's defaults .NET neither offers nor accepts them, whatever the code asks.
/// </summary>
public sealed class TlsProbeCliTests : IDisposable
{
    private const string LegacyAllowed = "openssl_conf = init\n[init]\nssl_conf = ssl\n[ssl]\nsystem_default = tls\n[tls]\nMinProtocol = TLSv1\nCipherString = DEFAULT@SECLEVEL=0\n";

    /// <summary>No settings: .NET then uses its own cipher list, which has nothing for TLS 1.0 or 1.1.</summary>
    private const string OpenSslDefaults = "openssl_conf = init\n[init]\n";

    private readonly string _dir = Directory.CreateTempSubdirectory("prodready-tls-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private Dictionary<string, string> OpenSsl(string config)
    {
        var path = Path.Combine(_dir, $"openssl-{config.GetHashCode(StringComparison.Ordinal):x}.cnf");
        File.WriteAllText(path, config);
        return new Dictionary<string, string> { ["OPENSSL_CONF"] = path };
    }

    private static (string Verdict, string Message) Finding(Support.CliRun run, string id)
    {
        Assert.True(run.ExitCode == 0, run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout);
        var finding = json.RootElement.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("probe").GetString() == id);
        return (finding.GetProperty("verdict").GetString()!, finding.GetProperty("message").GetString()!);
    }

    [Fact]
    public async Task ASelfSignedTargetIsOneLineAndExitTwoUnlessInsecure()
    {
        using var server = TestCertificates.Server(null, DateTimeOffset.UtcNow.AddDays(90), "127.0.0.1");
        await using var target = await TargetApp.Start(new TargetBehaviour { Certificate = server });

        var refused = Support.Cli.Run(_dir, "probe", target.Url.ToString());
        var insecure = Support.Cli.Run(_dir, "probe", target.Url.ToString(), "--insecure", "--format", "json");

        Assert.Equal((2, $"error: {target.Url}: TLS certificate rejected: self-signed (--ca-file trusts a private CA; --insecure probes anyway)"), (refused.ExitCode, refused.Stderr.Trim()));
        Assert.Equal(("fail", "clients will refuse the certificate: self-signed"), Finding(insecure, "tls.certificate"));
    }

    [Fact]
    public async Task ACaFileMakesAPrivateRootTrusted()
    {
        using var root = TestCertificates.Authority();
        using var server = TestCertificates.Server(root, DateTimeOffset.UtcNow.AddDays(90), "127.0.0.1");
        await using var target = await TargetApp.Start(new TargetBehaviour { Certificate = server });
        var caFile = Path.Combine(_dir, "ca.pem");
        File.WriteAllText(caFile, TestCertificates.Pem(root));

        var run = Support.Cli.Run(_dir, "probe", target.Url.ToString(), "--ca-file", caFile, "--format", "json");

        Assert.Equal("pass", Finding(run, "tls.certificate").Verdict);
    }

    [Fact]
    public void AnUnreadableCaFileOrABadPortIsOneLineAndExitTwo()
    {
        var empty = Path.Combine(_dir, "empty.pem");
        File.WriteAllText(empty, "not a certificate\n");

        var missing = Support.Cli.Run(_dir, "probe", "https://127.0.0.1:1/", "--ca-file", Path.Combine(_dir, "none.pem"));
        var noCertificate = Support.Cli.Run(_dir, "probe", "https://127.0.0.1:1/", "--ca-file", empty);
        var badPort = Support.Cli.Run(_dir, "probe", "https://127.0.0.1:1/", "--http-port", "0");

        Assert.Equal(2, missing.ExitCode);
        Assert.StartsWith($"error: --ca-file {Path.Combine(_dir, "none.pem")}: Could not find file", missing.Stderr.Trim());
        Assert.Equal((2, $"error: --ca-file {empty}: no PEM certificate in it"), (noCertificate.ExitCode, noCertificate.Stderr.Trim()));
        Assert.Equal((2, "error: --http-port 0: not a port (1-65535)"), (badPort.ExitCode, badPort.Stderr.Trim()));
    }

    [Fact]
    public void AServerAcceptingTls10And11Fails()
    {
        var legacy = OpenSsl(LegacyAllowed);
#pragma warning disable SYSLIB0039 // the server under test is meant to accept them
        using var target = TargetProcess.Start(legacy, "--tls-protocols", $"{SslProtocols.Tls | SslProtocols.Tls11 | SslProtocols.Tls12 | SslProtocols.Tls13}");
#pragma warning restore SYSLIB0039

        var run = Support.Cli.RunWith(legacy, _dir, "probe", target.Url.ToString(), "--insecure", "--format", "json");

        Assert.Equal(("fail", "the server accepts TLS 1.0 and TLS 1.1: deprecated (RFC 8996) and weak; no current client needs them"), Finding(run, "tls.legacy-protocols"));
    }

    [Fact]
    public async Task AServerRefusingTls10And11Passes()
    {
        using var server = TestCertificates.Server(null, DateTimeOffset.UtcNow.AddDays(90), "127.0.0.1");
        await using var target = await TargetApp.Start(new TargetBehaviour { Certificate = server, TlsProtocols = SslProtocols.Tls12 | SslProtocols.Tls13 });

        var run = Support.Cli.RunWith(OpenSsl(LegacyAllowed), _dir, "probe", target.Url.ToString(), "--insecure", "--format", "json");

        Assert.Equal(("pass", "TLS 1.0 and TLS 1.1 are refused"), Finding(run, "tls.legacy-protocols"));
    }

    [Fact]
    public async Task AMachineThatWillNotOfferTls10Or11CannotTell()
    {
        using var server = TestCertificates.Server(null, DateTimeOffset.UtcNow.AddDays(90), "127.0.0.1");
        await using var target = await TargetApp.Start(new TargetBehaviour { Certificate = server });

        var run = Support.Cli.RunWith(OpenSsl(OpenSslDefaults), _dir, "probe", target.Url.ToString(), "--insecure", "--format", "json");

        Assert.Equal(
            ("inconclusive", "this machine's TLS library will not offer TLS 1.0 and TLS 1.1, so whether the server accepts them is unknown (see docs/probe.md, OPENSSL_CONF)"),
            Finding(run, "tls.legacy-protocols"));
    }
}
