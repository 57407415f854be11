namespace Platform.DataPlane.Execution.Caching;

/// <summary>
/// The plans themselves, least recently used first out, bounded in entries, estimated bytes and entries per document.
/// One lock: every operation is a dictionary lookup and a few list links.
/// </summary>
internal sealed class PlanLru(PlanCacheLimits limits)
{
    private readonly object gate = new();
    private readonly Dictionary<((string Hash, string Operation) Document, string Variant), LinkedListNode<Entry>> index = [];
    private readonly Dictionary<(string Hash, string Operation), int> perDocument = [];
    private readonly LinkedList<Entry> order = new();
    private long bytes;

    public int Count
    {
        get
        {
            lock (gate)
            {
                return index.Count;
            }
        }
    }

    public long Bytes => Interlocked.Read(ref bytes);

    public bool TryGet(((string, string) Document, string Variant) key, out CachedOperation plan)
    {
        lock (gate)
        {
            if (index.TryGetValue(key, out var node))
            {
                order.Remove(node);
                order.AddFirst(node);
                plan = node.Value.Plan;
                return true;
            }
        }

        plan = null!;
        return false;
    }

    public void Add(((string, string) Document, string Variant) key, CachedOperation plan, long size)
    {
        lock (gate)
        {
            if (index.TryGetValue(key, out var existing))
            {
                Remove(existing);
            }

            if (perDocument.GetValueOrDefault(key.Document) >= limits.MaxVariantsPerDocument)
            {
                // The document's own least recently used variant makes room; other documents keep theirs.
                for (var node = order.Last; node is not null; node = node.Previous)
                {
                    if (node.Value.Key.Document == key.Document)
                    {
                        Remove(node);
                        break;
                    }
                }
            }

            var added = order.AddFirst(new Entry(key, plan, size));
            index[key] = added;
            perDocument[key.Document] = perDocument.GetValueOrDefault(key.Document) + 1;
            Interlocked.Add(ref bytes, size);
            while ((index.Count > limits.MaxEntries || Interlocked.Read(ref bytes) > limits.MaxBytes) && order.Last != added)
            {
                Remove(order.Last!);
            }
        }
    }

    private void Remove(LinkedListNode<Entry> node)
    {
        order.Remove(node);
        index.Remove(node.Value.Key);
        var left = perDocument[node.Value.Key.Document] - 1;
        if (left == 0)
        {
            perDocument.Remove(node.Value.Key.Document);
        }
        else
        {
            perDocument[node.Value.Key.Document] = left;
        }

        Interlocked.Add(ref bytes, -node.Value.Size);
    }

    private sealed record Entry(((string, string) Document, string Variant) Key, CachedOperation Plan, long Size);
}
