using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Platform.Gateway.Limits;

namespace Platform.Gateway.WebSockets;

/// <summary>
/// Sockets accepted without a key and still waiting for their connection_init, counted three ways: the gateway's pool,
/// the pool of the project they name (path or host), if any, and their client's (decision 0089). The client is the
/// connection's address, an IPv6 one by its /64 (what one host or home is usually given), so one client cannot take
/// the pool whether it names a project, several, or none.
/// </summary>
internal sealed class PendingSockets(GatewayLimitsOptions limits)
{
    private readonly ConcurrentDictionary<Guid, int> byProject = new();
    private readonly ConcurrentDictionary<IPAddress, int> byClient = new();
    private int total;

    /// <summary>A place in every pool that applies, or null (nothing held) when one of them is full.</summary>
    public Lease? TryEnter(Guid? project, IPAddress? remote)
    {
        if (Interlocked.Increment(ref total) > limits.MaxPendingWebSockets)
        {
            Interlocked.Decrement(ref total);
            return null;
        }

        var client = limits.MaxPendingWebSocketsPerClient > 0 && remote is not null ? ClientOf(remote) : null;
        if (client is not null && !Enter(byClient, client, limits.MaxPendingWebSocketsPerClient))
        {
            Interlocked.Decrement(ref total);
            return null;
        }

        if (project is { } p && !Enter(byProject, p, limits.MaxPendingWebSocketsPerProject))
        {
            if (client is not null)
            {
                Exit(byClient, client);
            }

            Interlocked.Decrement(ref total);
            return null;
        }

        return new Lease(this, project, client);
    }

    /// <summary>The address a client is counted under: IPv4 as it is (also when mapped into IPv6), IPv6 by its /64.</summary>
    public static IPAddress ClientOf(IPAddress remote)
    {
        if (remote.IsIPv4MappedToIPv6)
        {
            return remote.MapToIPv4();
        }

        if (remote.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return remote;
        }

        Span<byte> bytes = stackalloc byte[16];
        remote.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return new IPAddress(bytes);
    }

    private static bool Enter<TKey>(ConcurrentDictionary<TKey, int> pools, TKey key, int max)
        where TKey : notnull
    {
        if (pools.AddOrUpdate(key, 1, static (_, n) => n + 1) > max)
        {
            Exit(pools, key);
            return false;
        }

        return true;
    }

    private static void Exit<TKey>(ConcurrentDictionary<TKey, int> pools, TKey key)
        where TKey : notnull
    {
        if (pools.AddOrUpdate(key, 0, static (_, n) => n - 1) <= 0)
        {
            // Gone only while still at zero, so the dictionary holds no more keys than sockets are waiting.
            pools.TryRemove(new KeyValuePair<TKey, int>(key, 0));
        }
    }

    /// <summary>Frees the places when the socket has its connection_init (or is gone).</summary>
    public sealed class Lease(PendingSockets owner, Guid? project, IPAddress? client) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) != 0)
            {
                return;
            }

            if (project is { } p)
            {
                Exit(owner.byProject, p);
            }

            if (client is not null)
            {
                Exit(owner.byClient, client);
            }

            Interlocked.Decrement(ref owner.total);
        }
    }
}
