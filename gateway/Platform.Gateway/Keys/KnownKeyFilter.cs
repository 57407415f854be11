using System.Buffers.Binary;
using System.Collections.Concurrent;

namespace Platform.Gateway.Keys;

/// <summary>
/// The first 8 bytes of every key hash in the metadata store, kept in step by <see cref="KeyRevocationListener"/>
/// (a full load after each LISTEN, then one notification per new or changed key). A well-formed but made-up key is
/// refused without touching the database, so a flood of random keys costs nothing there. While the listener is
/// disconnected the filter is off (a new key could be missed) and the negative cache alone protects the database.
/// </summary>
internal sealed class KnownKeyFilter
{
    private volatile ConcurrentDictionary<ulong, byte>? live;
    private volatile ConcurrentDictionary<ulong, byte>? building;
    private long refused;

    public bool IsActive => live is not null;

    /// <summary>Keys refused by the filter alone, for metrics.</summary>
    public long Refused => Interlocked.Read(ref refused);

    public bool MightExist(byte[] hash)
    {
        var set = live;
        if (set is null || set.ContainsKey(Prefix(hash)))
        {
            return true;
        }

        Interlocked.Increment(ref refused);
        return false;
    }

    public void Add(byte[] hash)
    {
        building?.TryAdd(Prefix(hash), 0);
        live?.TryAdd(Prefix(hash), 0);
    }

    /// <summary>Starts a full load; notifications that arrive meanwhile are added to it as well.</summary>
    public void BeginLoad() => building = new ConcurrentDictionary<ulong, byte>();

    public void CompleteLoad()
    {
        live = building;
        building = null;
    }

    public void Disable()
    {
        live = null;
        building = null;
    }

    private static ulong Prefix(byte[] hash) => BinaryPrimitives.ReadUInt64LittleEndian(hash);
}
