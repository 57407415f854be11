using System.Diagnostics;

namespace Platform.Bench;

/// <summary>One monotonic clock for the bench process: a NOTIFY's send time and its delivery time are read from it.</summary>
public static class BenchClock
{
    public static long Micros() => (long)(Stopwatch.GetTimestamp() * (1_000_000.0 / Stopwatch.Frequency));
}
