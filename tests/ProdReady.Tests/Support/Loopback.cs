using System.Net;
using System.Net.Sockets;

namespace ProdReady.Tests.Support;

public static class Loopback
{
    /// <summary>Distinct loopback ports nothing listens on at the moment of asking (for as long as nobody takes them).</summary>
    public static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(listener => listener.Start());
            return [.. listeners.Select(listener => ((IPEndPoint)listener.LocalEndpoint).Port)];
        }
        finally
        {
            listeners.ForEach(listener => listener.Dispose());
        }
    }

    public static int FreePort() => FreePorts(1)[0];
}
