using System.Globalization;
using Platform.Bench;

// Usage: dotnet artifacts/bin/Platform.Bench/release/Platform.Bench.dll [throughput|neon|breakdown|coldstart|memory|realtime|all] [--seconds N] [--only STEP] [--projects N] [--samples N]
// realtime: [--subscribers N] [--seconds HOLD] [--documents N] [--ids N] [--changes N] [--listeners N] [--events N] [--rate N] (bench/README.md)
// Needs the hosts built in the same configuration and a PostgreSQL as for ./test.sh (PLATFORM_TEST_DATABASE_URL or the private cluster).
var what = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "all";
int Option(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}

var seconds = TimeSpan.FromSeconds(Option("--seconds", 5));
if (what is "throughput" or "all")
{
    await ThroughputBench.RunAsync(seconds);
}

if (what is "neon")
{
    await NeonSqlBench.RunAsync(seconds);
}

if (what is "breakdown")
{
    // --only STEP runs the steps whose name contains STEP (e.g. "/sql"), to profile one path alone.
    var only = Array.IndexOf(args, "--only") is var o and >= 0 && o + 1 < args.Length ? args[o + 1] : null;
    await BreakdownBench.RunAsync(seconds, only);
}

if (what is "coldstart" or "all")
{
    await ColdStartBench.RunAsync(Option("--samples", 15));
}

if (what is "memory" or "all")
{
    await MemoryBench.RunAsync(Option("--projects", 1000));
}

if (what is "realtime")
{
    // Not part of "all": it holds thousands of sockets, and its sizes are its own.
    await RealtimeBench.RunAsync(new RealtimeBenchOptions(
        Subscribers: Option("--subscribers", 5000), HoldSeconds: Option("--seconds", 30), Documents: Option("--documents", 10), DistinctIds: Option("--ids", 1000),
        ChangesPerSecond: Option("--changes", 100), Listeners: Option("--listeners", 100), Events: Option("--events", 2000), EventsPerSecond: Option("--rate", 200)));
}
