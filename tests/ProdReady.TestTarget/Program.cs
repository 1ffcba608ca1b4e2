using System.Security.Authentication;
using ProdReady.TestTarget;

// The target in a process of its own, for tests that need process-wide TLS settings (OPENSSL_CONF) a test runner
// cannot change: `dotnet ProdReady.TestTarget.dll [--tls-protocols Tls12,Tls13]` serves https with a self-signed
// certificate for 127.0.0.1, prints its URL, and runs until its standard input closes.
var protocols = args is ["--tls-protocols", var list] ? Enum.Parse<SslProtocols>(list) : SslProtocols.None;
await using var target = await TargetApp.Start(new TargetBehaviour
{
    Certificate = TestCertificates.Server(null, DateTimeOffset.UtcNow.AddDays(90), "127.0.0.1"),
    TlsProtocols = protocols,
});
Console.WriteLine(target.Url);
await Console.In.ReadToEndAsync();
