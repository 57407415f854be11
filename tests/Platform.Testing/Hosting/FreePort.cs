using System.Net;
using System.Net.Sockets;

namespace Platform.Testing.Hosting;

/// <summary>Asks the OS for an unused loopback port. Racy by nature, so callers bind soon after.</summary>
public static class FreePort
{
    public static int Next()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
