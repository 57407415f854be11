using System.Diagnostics;
using System.Globalization;

namespace Platform.Bench;

/// <summary>A host process's CPU time, resident set and (from its /metrics) managed heap, sampled at one moment.</summary>
public sealed record HostUsage(TimeSpan Cpu, long WorkingSetBytes, long? ManagedHeapBytes, long Collections, long At)
{
    public static async Task<HostUsage> SampleAsync(int processId, string? metricsUrl, HttpClient http)
    {
        long? heap = null;
        long collections = 0;
        if (metricsUrl is not null)
        {
            // System.Runtime's dotnet.gc.last_collection.heap.size, one series per generation: the heap after the last GC.
            var text = await http.GetStringAsync(metricsUrl);
            foreach (var line in text.Split('\n'))
            {
                if (line.StartsWith("dotnet_gc_last_collection_heap_size_bytes{", StringComparison.Ordinal))
                {
                    heap = (heap ?? 0) + Value(line);
                }
                else if (line.StartsWith("dotnet_gc_collections_total{", StringComparison.Ordinal))
                {
                    // The heap figure changes only when a collection ran: the caller needs to know whether one did.
                    collections += Value(line);
                }
            }
        }

        using var p = Process.GetProcessById(processId);
        return new HostUsage(p.TotalProcessorTime, p.WorkingSet64, heap, collections, BenchClock.Micros());
    }

    private static long Value(string line) => (long)double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);

    /// <summary>CPU seconds per wall-clock second between two samples (1.0 = one core busy).</summary>
    public static double Cores(HostUsage from, HostUsage to) => (to.Cpu - from.Cpu).TotalSeconds / ((to.At - from.At) / 1e6);
}
