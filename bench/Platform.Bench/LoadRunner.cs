using System.Diagnostics;

namespace Platform.Bench;

/// <summary>Runs one operation at a fixed concurrency for a fixed time and reports throughput and latency percentiles.</summary>
public static class LoadRunner
{
    public static async Task<LoadResult> RunAsync(string name, int concurrency, TimeSpan duration, Func<Task> operation)
    {
        // Warm up connections, plan caches and JIT so the measured window is steady state.
        for (var i = 0; i < WarmupCalls(concurrency); i++)
        {
            await operation();
        }

        var latencies = new List<double>[concurrency];
        var errors = 0;
        var watch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
        {
            var mine = latencies[w] = new List<double>(4096);
            while (watch.Elapsed < duration)
            {
                var t0 = Stopwatch.GetTimestamp();
                try
                {
                    await operation();
                    mine.Add(Stopwatch.GetElapsedTime(t0).TotalMicroseconds);
                }
                catch (Exception)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        })).ToArray();
        await Task.WhenAll(workers);
        var elapsed = watch.Elapsed;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new LoadResult(name, concurrency, all.Length / elapsed.TotalSeconds, Percentile(all, 0.50), Percentile(all, 0.99), errors);
    }

    /// <summary>How many calls run before the measured window (callers that count work done in it need this).</summary>
    public static int WarmupCalls(int concurrency) => Math.Max(20, concurrency);

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
