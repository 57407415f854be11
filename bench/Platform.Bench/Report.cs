using System.Globalization;

namespace Platform.Bench;

public static class Report
{
    public static void Table(IEnumerable<(LoadResult Platform, LoadResult Direct)> rows)
    {
        Console.WriteLine("| scenario | conc | req/s | p50 µs | p99 µs | direct req/s | direct p50 µs | direct p99 µs | throughput ratio | added p50 µs | added p99 µs | errors |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var (p, d) in rows)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {p.Name} vs {d.Name} | {p.Concurrency} | {p.RequestsPerSecond:F0} | {p.P50Micros:F0} | {p.P99Micros:F0} | {d.RequestsPerSecond:F0} | {d.P50Micros:F0} | {d.P99Micros:F0} | {p.RequestsPerSecond / d.RequestsPerSecond:F2} | {p.P50Micros - d.P50Micros:F0} | {p.P99Micros - d.P99Micros:F0} | {p.Errors + d.Errors} |"));
        }
    }
}
