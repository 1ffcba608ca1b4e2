using System.Collections.Concurrent;
using System.Net.Security;
using System.Security.Authentication;

namespace ProdReady.Probing;

/// <summary>
/// TLS versions by name, and which ones this machine's TLS library will offer at all. On Linux, unless openssl.cnf
/// sets a CipherString, .NET uses its own cipher list, which has nothing usable below TLS 1.2: a client restricted
/// to TLS 1.0 or 1.1 sends an alert instead of a hello. A failed legacy handshake from such a machine says nothing
/// about the server, so that has to be known before judging one.
/// </summary>
public static class TlsVersions
{
    private const byte HandshakeRecord = 0x16;

    private static readonly ConcurrentDictionary<SslProtocols, bool> Offered = new();

#pragma warning disable SYSLIB0039 // TLS 1.0 and 1.1 are named here to be tested for, never to be used
    private static readonly (SslProtocols Version, string Name)[] Names =
        [(SslProtocols.Tls, "TLS 1.0"), (SslProtocols.Tls11, "TLS 1.1"), (SslProtocols.Tls12, "TLS 1.2"), (SslProtocols.Tls13, "TLS 1.3")];
#pragma warning restore SYSLIB0039

    /// <summary>"TLS 1.0", "TLS 1.2/TLS 1.3"; "TLS" for the system default.</summary>
    public static string Name(SslProtocols protocols) =>
        Names.Where(known => protocols.HasFlag(known.Version)).Select(known => known.Name).ToList() is { Count: > 0 } names
            ? string.Join("/", names) : "TLS";

    /// <summary>
    /// Whether a client hello restricted to <paramref name="protocols"/> leaves this machine: found once per set of
    /// versions by a handshake into a stream that only records the first byte written, without any network.
    /// </summary>
    public static bool CanOffer(SslProtocols protocols) => Offered.GetOrAdd(protocols, static versions =>
    {
        var wire = new FirstByteRecorder();
        using var tls = new SslStream(wire);
        try
        {
            tls.AuthenticateAsClient(new SslClientAuthenticationOptions { TargetHost = "prodready-probe.invalid", EnabledSslProtocols = versions });
        }
        catch (Exception refused) when (refused is AuthenticationException or IOException or NotSupportedException)
        {
            // Expected: nothing answers. What matters is whether a hello was written first, or only an alert.
        }
        return wire.First == HandshakeRecord;
    });

    /// <summary>A transport that keeps the first byte the client writes and answers every read with end of stream.</summary>
    private sealed class FirstByteRecorder : Stream
    {
        public int First { get; private set; } = -1;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count)
        {
            if (First < 0 && count > 0)
            {
                First = buffer[offset];
            }
        }

        public override int Read(byte[] buffer, int offset, int count) => 0;

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
