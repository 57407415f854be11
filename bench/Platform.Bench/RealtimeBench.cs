using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Npgsql;
using Platform.Metadata.Keys;
using Platform.Metadata.Projects;
using Platform.Testing.Postgres;

namespace Platform.Bench;

/// <summary>
/// #16's benchmark, through a gateway in front of one silo: (a) live-query subscribers held per silo CPU, with the
/// silo's working set and managed heap per subscriber; (b) listen's notify-to-deliver latency. Every subscriber is a
/// graphql-transport-ws socket of its own (<see cref="GraphQLWsSocket"/>), as browsers hold them.
/// </summary>
public static class RealtimeBench
{
    private const string Role = "bench_rt_anon";
    private const string Topic = "bench";

    public static async Task RunAsync(RealtimeBenchOptions o)
    {
        ThreadPool.SetMinThreads(64, 64);
        await using var tenant = new TestDatabase();
        await tenant.InitializeAsync();
        await tenant.ExecuteAsync($"""
            DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{Role}') THEN CREATE ROLE {Role} NOLOGIN; END IF; END $$;
            CREATE TABLE public.counters (id int PRIMARY KEY, value int NOT NULL);
            GRANT SELECT ON public.counters TO {Role};
            INSERT INTO public.counters SELECT g, 0 FROM generate_series(1, {o.DistinctIds}) g;
            ANALYZE public.counters;
            """);
        await using var env = await BenchEnvironment.StartAsync();
        var gateway = await env.StartGatewayAsync();
        var settings = new ProjectSettings
        {
            AnonymousRole = Role,
            AllowedRoles = [Role],
            Realtime = new RealtimeSettings { MaxSubscriptions = Math.Min(100_000, o.Subscribers + o.Listeners + 10) },
            // The bench is the project's only client and opens every socket at once: the gateway's per-project
            // defaults (100 sockets, 100 requests/s) would be the limit measured instead of the silo.
            Limits = new ProjectLimits { RequestsPerSecond = 100_000, Burst = 1_000_000, MaxConcurrentRequests = 10_000, MaxWebSockets = 100_000 },
        };
        var project = await env.CreateProjectAsync(tenant.ConnectionString, settings);
        var key = (await new ApiKeyStore(env.Metadata.DataSource).IssueAsync(project, ApiKeyRole.Anon)).Key;
        var url = new Uri(gateway.Url.Replace("http://", "ws://", StringComparison.Ordinal) + "/graphql");
        var metrics = env.Silo.ManagementUrl + "/metrics";

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"realtime bench: {Environment.ProcessorCount} cores, load {LoadAverage()}, live interval {settings.Realtime.LiveQueryIntervalMilliseconds} ms, through the gateway to one silo"));
        var live = await LiveAsync(env, url, key, tenant, o, metrics);
        var listen = await ListenAsync(env, url, key, tenant, o, metrics);

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Live queries: {o.Subscribers} subscribers (one socket each) over {o.Documents} documents and {o.DistinctIds} ids, held {o.HoldSeconds} s while {o.ChangesPerSecond} rows/s change; load at the end {LoadAverage()}"));
        Console.WriteLine("| subscribers | ramp s | silo CPU ms/s (idle) | silo CPU ms/s per 1,000 subscribers | subscribers per silo core | gateway CPU ms/s | next/s | silo working set MiB (before → held) | working set KiB/subscriber | managed heap KiB/subscriber | refused or closed |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
        Console.WriteLine(live);
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"listen: {o.Listeners} subscribers (one socket each) on one topic, {o.Events} NOTIFY at {o.EventsPerSecond}/s from Npgsql, latency from the send to the client's receipt of next; load at the end {LoadAverage()}"));
        Console.WriteLine("| listeners | events | deliveries (expected) | p50 ms | p90 ms | p99 ms | max ms | silo CPU µs per delivery |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        Console.WriteLine(listen);
    }

    private static async Task<string> LiveAsync(BenchEnvironment env, Uri url, string key, TestDatabase tenant, RealtimeBenchOptions o, string metrics)
    {
        var n = o.Subscribers;
        var results = new int[n];
        long firsts = 0;
        long nexts = 0;
        var errors = new ConcurrentQueue<string>();
        void OnNext(string id, JsonElement payload, long at)
        {
            if (!int.TryParse(id, CultureInfo.InvariantCulture, out var i))
            {
                return;
            }

            if (Interlocked.Increment(ref results[i]) == 1)
            {
                if (!payload.TryGetProperty("data", out _))
                {
                    errors.Enqueue(payload.GetRawText());
                }

                Interlocked.Increment(ref firsts);
            }

            Interlocked.Increment(ref nexts);
        }

        void OnError(string id, string payload) => errors.Enqueue(payload);

        // Activation, JIT and the first interval, before anything is measured.
        await using (var warm = await GraphQLWsSocket.ConnectAsync(url, key, OnNext, OnError, CancellationToken.None))
        {
            await warm.SubscribeAsync("0", Query(0), new { id = 1 }, CancellationToken.None);
            await WaitAsync(() => Interlocked.Read(ref firsts) >= 1 || !errors.IsEmpty, TimeSpan.FromSeconds(60), "the warm-up subscription's first result");
            Check(errors);
        }

        Array.Clear(results);
        firsts = 0;
        nexts = 0;
        await Task.Delay(TimeSpan.FromSeconds(2));
        var idleFrom = await HostUsage.SampleAsync(env.Silo.ProcessId, metrics, env.Http);
        await Task.Delay(TimeSpan.FromSeconds(5));
        var before = await HostUsage.SampleAsync(env.Silo.ProcessId, metrics, env.Http);
        var idle = HostUsage.Cores(idleFrom, before);

        var sockets = new GraphQLWsSocket?[n];
        var ramp = Stopwatch.StartNew();
        using (var opening = new SemaphoreSlim(32))
        {
            await Task.WhenAll(Enumerable.Range(0, n).Select(async i =>
            {
                await opening.WaitAsync();
                try
                {
                    sockets[i] = await GraphQLWsSocket.ConnectAsync(url, key, OnNext, OnError, CancellationToken.None);
                    await sockets[i]!.SubscribeAsync(i.ToString(CultureInfo.InvariantCulture), Query(i % o.Documents), new { id = 1 + (i % o.DistinctIds) }, CancellationToken.None);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    errors.Enqueue($"socket {i}: {e.Message}");
                }
                finally
                {
                    opening.Release();
                }
            }));
        }

        await WaitAsync(() => Interlocked.Read(ref firsts) + errors.Count >= n, TimeSpan.FromSeconds(60 + n / 50), $"{n} first results");
        var rampSeconds = ramp.Elapsed.TotalSeconds;

        using var stop = new CancellationTokenSource();
        var writer = ChangeRowsAsync(tenant, o, stop.Token);
        var siloFrom = await HostUsage.SampleAsync(env.Silo.ProcessId, metrics, env.Http);
        var gatewayFrom = await HostUsage.SampleAsync(env.Gateway!.ProcessId, null, env.Http);
        var nextsFrom = Interlocked.Read(ref nexts);
        await Task.Delay(TimeSpan.FromSeconds(o.HoldSeconds));
        var siloTo = await HostUsage.SampleAsync(env.Silo.ProcessId, metrics, env.Http);
        var gatewayTo = await HostUsage.SampleAsync(env.Gateway.ProcessId, null, env.Http);
        var nextsTo = Interlocked.Read(ref nexts);
        await stop.CancelAsync();
        await writer;

        var closed = sockets.Count(s => s is null || s.ClosedBy is not null);
        var failures = errors.Count + closed;
        if (!errors.IsEmpty)
        {
            Console.WriteLine($"{errors.Count} subscriptions failed, e.g. {errors.First()}");
        }

        await Task.WhenAll(sockets.Where(s => s is not null).Select(s => s!.DisposeAsync().AsTask()));

        var cores = HostUsage.Cores(siloFrom, siloTo);
        var above = Math.Max(cores - idle, 1e-9);
        var seconds = (siloTo.At - siloFrom.At) / 1e6;
        return string.Create(CultureInfo.InvariantCulture,
            $"| {n} | {rampSeconds:F1} | {cores * 1000:F0} ({idle * 1000:F0}) | {above * 1000 / (n / 1000.0):F1} | {n / above:F0} | {HostUsage.Cores(gatewayFrom, gatewayTo) * 1000:F0} | {(nextsTo - nextsFrom) / seconds:F0} | {before.WorkingSetBytes / 1048576.0:F0} → {siloTo.WorkingSetBytes / 1048576.0:F0} | {(siloTo.WorkingSetBytes - before.WorkingSetBytes) / 1024.0 / n:F1} | {Heap(before, siloTo, n)} | {failures} |");
    }

    private static async Task<string> ListenAsync(BenchEnvironment env, Uri url, string key, TestDatabase tenant, RealtimeBenchOptions o, string metrics)
    {
        var latencies = new List<long>[o.Listeners];
        var warmed = new int[o.Listeners];
        var errors = new ConcurrentQueue<string>();
        var sockets = new List<GraphQLWsSocket>();
        for (var j = 0; j < o.Listeners; j++)
        {
            var mine = latencies[j] = new List<long>(o.Events);
            var index = j;
            // Called from this socket's receive loop only, so its own list needs no lock.
            void OnNext(string id, JsonElement payload, long at)
            {
                var sent = SentAt(payload);
                if (sent == 0)
                {
                    Interlocked.Exchange(ref warmed[index], 1);
                }
                else if (sent > 0)
                {
                    mine.Add(at - sent);
                }
                else
                {
                    errors.Enqueue(payload.GetRawText());
                }
            }

            var s = await GraphQLWsSocket.ConnectAsync(url, key, OnNext, (_, p) => errors.Enqueue(p), CancellationToken.None);
            await s.SubscribeAsync("l", $"subscription {{ listen(topic: \"{Topic}\") {{ relatedNodeId }} }}", null, CancellationToken.None);
            sockets.Add(s);
        }

        await using var notify = new NpgsqlConnection(tenant.ConnectionString);
        await notify.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT pg_notify('postgraphile:{Topic}', $1)", notify) { Parameters = { new NpgsqlParameter { Value = "" } } };

        // A subscribe has no acknowledgement: notify until every listener has seen one (its LISTEN is applied).
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (warmed.Sum() < o.Listeners)
        {
            if (DateTime.UtcNow > deadline || !errors.IsEmpty)
            {
                throw new InvalidOperationException($"only {warmed.Sum()} of {o.Listeners} listeners received the warm-up event; {errors.FirstOrDefault()}");
            }

            command.Parameters[0].Value = Payload(0);
            await command.ExecuteNonQueryAsync();
            await Task.Delay(200);
        }

        await Task.Delay(500);
        var siloFrom = await HostUsage.SampleAsync(env.Silo.ProcessId, metrics, env.Http);
        var start = BenchClock.Micros();
        for (var e = 0; e < o.Events; e++)
        {
            var due = start + (long)(e * 1e6 / o.EventsPerSecond);
            var wait = due - BenchClock.Micros();
            if (wait > 1000)
            {
                await Task.Delay(TimeSpan.FromMicroseconds(wait));
            }

            command.Parameters[0].Value = Payload(BenchClock.Micros());
            await command.ExecuteNonQueryAsync();
        }

        var expected = (long)o.Events * o.Listeners;
        await WaitAsync(() => latencies.Sum(l => (long)l.Count) >= expected, TimeSpan.FromSeconds(10), null);
        var siloTo = await HostUsage.SampleAsync(env.Silo.ProcessId, metrics, env.Http);
        await Task.WhenAll(sockets.Select(s => s.DisposeAsync().AsTask()));

        var all = latencies.SelectMany(l => l).Order().ToArray();
        double P(double q) => all.Length == 0 ? double.NaN : all[Math.Min(all.Length - 1, (int)(q * all.Length))] / 1000.0;
        var cpuMicros = (siloTo.Cpu - siloFrom.Cpu).TotalMicroseconds;
        return string.Create(CultureInfo.InvariantCulture,
            $"| {o.Listeners} | {o.Events} at {o.EventsPerSecond}/s | {all.Length} ({expected}) | {P(0.50):F1} | {P(0.90):F1} | {P(0.99):F1} | {(all.Length == 0 ? double.NaN : all[^1] / 1000.0):F1} | {(all.Length == 0 ? double.NaN : cpuMicros / all.Length):F0} |");
    }

    /// <summary>Distinct documents make distinct multiplexing groups; within one, subscribers differ only in $id.</summary>
    private static string Query(int document) => $"subscription Bench{document}($id: Int!) {{ g{document}: counterById(id: $id) {{ id value }} }}";

    /// <summary>__node__ carries the send time: relatedNodeId is base64 of ["counters", micros].</summary>
    private static string Payload(long micros) => $"{{\"__node__\":[\"counters\",{micros.ToString(CultureInfo.InvariantCulture)}]}}";

    private static long SentAt(JsonElement payload)
    {
        try
        {
            var nodeId = payload.GetProperty("data").GetProperty("listen").GetProperty("relatedNodeId").GetString()!;
            using var node = JsonDocument.Parse(Convert.FromBase64String(nodeId));
            return node.RootElement[1].GetInt64();
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException or JsonException or NullReferenceException)
        {
            return -1;
        }
    }

    private static async Task ChangeRowsAsync(TestDatabase tenant, RealtimeBenchOptions o, CancellationToken ct)
    {
        var random = new Random(16);
        var perTick = Math.Max(1, o.ChangesPerSecond / 10);
        await using var conn = new NpgsqlConnection(tenant.ConnectionString);
        await conn.OpenAsync(CancellationToken.None);
        await using var update = new NpgsqlCommand("UPDATE public.counters SET value = value + 1 WHERE id = ANY($1)", conn) { Parameters = { new NpgsqlParameter { Value = Array.Empty<int>() } } };
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        try
        {
            while (o.ChangesPerSecond > 0 && await timer.WaitForNextTickAsync(ct))
            {
                update.Parameters[0].Value = Enumerable.Range(0, perTick).Select(_ => 1 + random.Next(o.DistinctIds)).Distinct().ToArray();
                await update.ExecuteNonQueryAsync(CancellationToken.None);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static string Heap(HostUsage before, HostUsage after, int n) =>
        before.ManagedHeapBytes is not { } b || after.ManagedHeapBytes is not { } a ? "n/a"
            : after.Collections == before.Collections ? "n/a (no GC ran)"
            : ((a - b) / 1024.0 / n).ToString("F1", CultureInfo.InvariantCulture);

    private static void Check(ConcurrentQueue<string> errors)
    {
        if (!errors.IsEmpty)
        {
            throw new InvalidOperationException("subscription refused: " + errors.First());
        }
    }

    private static async Task WaitAsync(Func<bool> done, TimeSpan timeout, string? what)
    {
        var until = DateTime.UtcNow + timeout;
        while (!done())
        {
            if (DateTime.UtcNow > until)
            {
                if (what is null)
                {
                    return;
                }

                throw new TimeoutException($"timed out waiting for {what}");
            }

            await Task.Delay(50);
        }
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
}
