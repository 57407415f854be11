using System.Collections.Frozen;
using Platform.DataPlane.Execution;

namespace Platform.DataPlane.Grains.Realtime;

/// <summary>
/// A project's running subscriptions, by socket and operation; its live-query groups; its listen subscribers by
/// channel; and each socket's lease. Changed only from grain turns; readers off the grain get snapshots.
/// </summary>
internal sealed class SubscriptionRegistry
{
    private readonly Dictionary<(string Socket, string Operation), Subscriber> all = [];
    private readonly Dictionary<string, LiveGroup> groups = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> leases = new(StringComparer.Ordinal);
    private FrozenDictionary<string, Subscriber[]> listeners = FrozenDictionary<string, Subscriber[]>.Empty;

    public int Count => all.Count;

    public int GroupCount => groups.Count;

    /// <summary>Listen subscribers by channel, safe to read from any thread.</summary>
    public FrozenDictionary<string, Subscriber[]> Listeners => Volatile.Read(ref listeners);

    public IReadOnlyCollection<string> Channels => Listeners.Keys;

    /// <summary>False when the socket already runs this operation (the socket's protocol refuses that first).</summary>
    public bool Add(Subscriber subscriber, DateTimeOffset leaseUntil)
    {
        if (!all.TryAdd((subscriber.SocketId, subscriber.OperationId), subscriber))
        {
            return false;
        }

        leases[subscriber.SocketId] = leaseUntil;
        if (subscriber.Live is { } live)
        {
            var key = live.DocumentKey + "\u0001" + SessionKeys.Of(subscriber.Session);
            if (!groups.TryGetValue(key, out var group))
            {
                group = new LiveGroup(key, live, subscriber.Session);
                groups.Add(key, group);
            }

            group.Members.Add(subscriber);
        }
        else
        {
            RebuildListeners();
        }

        return true;
    }

    public Subscriber? Remove(string socketId, string operationId)
    {
        if (!all.Remove((socketId, operationId), out var subscriber))
        {
            return null;
        }

        if (subscriber.Live is not null)
        {
            foreach (var (key, group) in groups)
            {
                if (group.Members.Remove(subscriber))
                {
                    if (group.Members.Count == 0)
                    {
                        groups.Remove(key);
                    }

                    break;
                }
            }
        }
        else
        {
            RebuildListeners();
        }

        return subscriber;
    }

    public void RemoveSocket(string socketId)
    {
        foreach (var (socket, operation) in all.Keys.Where(k => k.Socket == socketId).ToList())
        {
            Remove(socket, operation);
        }

        leases.Remove(socketId);
    }

    /// <summary>Extends the socket's lease and returns the operations it named that are not held here.</summary>
    public string[] Renew(string socketId, IEnumerable<string> operationIds, DateTimeOffset leaseUntil)
    {
        var missing = operationIds.Where(id => !all.ContainsKey((socketId, id))).ToArray();
        if (all.Keys.Any(k => k.Socket == socketId))
        {
            leases[socketId] = leaseUntil;
        }

        return missing;
    }

    /// <summary>Drops the sockets whose lease ran out (their silo died, or they closed without telling).</summary>
    public int Expire(DateTimeOffset now)
    {
        var expired = leases.Where(l => l.Value < now).Select(l => l.Key).ToList();
        foreach (var socket in expired)
        {
            RemoveSocket(socket);
        }

        return expired.Count;
    }

    /// <summary>The groups with their members as they are now, for one interval.</summary>
    public IReadOnlyList<(LiveGroup Group, Subscriber[] Members)> LiveSnapshot() =>
        groups.Values.Select(g => (g, g.Members.ToArray())).ToList();

    private void RebuildListeners() =>
        Volatile.Write(ref listeners, all.Values.Where(s => s.Listen is not null)
            .GroupBy(s => s.Listen!.Channel, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal));
}
