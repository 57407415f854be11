using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Platform.Testing.Hosting;

namespace Platform.DataPlane.Tests.Clustering;

/// <summary>
/// A loopback TCP relay that can be cut. A silo reached only through relays (its silo port, its PostgreSQL) can be
/// made to vanish at once, as a crashed machine would: nothing it says afterwards reaches the cluster or the table.
/// Disposing a host in-process cannot do that, because Orleans still runs its stop sequence and writes itself Dead.
/// </summary>
public sealed class TcpCutter : IDisposable
{
    private readonly TcpListener listener;
    private readonly IPEndPoint target;
    private readonly ConcurrentDictionary<Socket, byte> open = new();
    private readonly CancellationTokenSource cut = new();

    public TcpCutter(IPEndPoint target)
    {
        this.target = target;
        listener = new TcpListener(IPAddress.Loopback, FreePort.Next());
        listener.Start();
        _ = AcceptLoopAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    /// <summary>Refuses new connections and resets the established ones.</summary>
    public void Cut()
    {
        if (cut.IsCancellationRequested)
        {
            return;
        }

        cut.Cancel();
        listener.Stop();
        foreach (var socket in open.Keys)
        {
            Close(socket);
        }
    }

    public void Dispose()
    {
        Cut();
        cut.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!cut.IsCancellationRequested)
        {
            Socket inbound;
            try
            {
                inbound = await listener.AcceptSocketAsync(cut.Token);
            }
            catch (Exception) when (cut.IsCancellationRequested)
            {
                return;
            }

            _ = RelayAsync(inbound);
        }
    }

    private async Task RelayAsync(Socket inbound)
    {
        var outbound = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        inbound.NoDelay = true;
        open[inbound] = 0;
        open[outbound] = 0;
        try
        {
            await outbound.ConnectAsync(target, cut.Token);
            await Task.WhenAny(PumpAsync(inbound, outbound), PumpAsync(outbound, inbound));
        }
        catch (Exception)
        {
            // A reset or a cut ends the relay; either side sees its connection drop, which is the point.
        }
        finally
        {
            Close(inbound);
            Close(outbound);
        }
    }

    private async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var read = await from.ReceiveAsync(buffer, SocketFlags.None, cut.Token);
            if (read == 0)
            {
                return;
            }

            await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, cut.Token);
        }
    }

    private void Close(Socket socket)
    {
        open.TryRemove(socket, out _);
        try
        {
            // Linger 0 resets instead of closing politely, so neither end waits for a goodbye that will not come.
            socket.LingerState = new LingerOption(true, 0);
            socket.Close();
        }
        catch (Exception)
        {
            // Already closed by the other pump.
        }
    }
}
