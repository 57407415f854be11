using System.Net;
using System.Net.Sockets;

namespace Platform.Testing.Hosting;

/// <summary>
/// Hands out loopback ports for hosts that tests start. Ports come from below the kernel's ephemeral range
/// (32768+), so outgoing connections never take them meanwhile, and none is handed out twice in one process.
/// </summary>
public static class FreePort
{
    private static readonly HashSet<int> Given = [];
    private static readonly Lock Gate = new();

    public static int Next()
    {
        lock (Gate)
        {
            for (var attempt = 0; attempt < 1000; attempt++)
            {
                var port = Random.Shared.Next(20000, 32000);
                if (Given.Contains(port) || !Bindable(port))
                {
                    continue;
                }

                Given.Add(port);
                return port;
            }
        }

        throw new InvalidOperationException("no free loopback port found");
    }

    private static bool Bindable(int port)
    {
        try
        {
            using var l = new TcpListener(IPAddress.Loopback, port);
            l.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
