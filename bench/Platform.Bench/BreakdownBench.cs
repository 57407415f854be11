using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Platform.Bench;

/// <summary>
/// Where the time of a small request goes at concurrency 1: HTTP alone (/healthz), HTTP + grain call without the
/// database (/status), /sql "select 1", GraphQL { __typename } and GraphQL by PK, each against direct "select 1";
/// with the silo process's CPU time per request beside the latencies.
/// </summary>
public static class BreakdownBench
{
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(5);

    public static async Task RunAsync(TimeSpan duration, string? only = null)
    {
        await using var env = await BenchEnvironment.StartAsync();
        var tenant = await Tenants.ItemsAsync();
        try
        {
            var project = await env.CreateProjectAsync(tenant.ConnectionString);
            await using var direct = NpgsqlDataSource.Create(tenant.ConnectionString);
            var steps = new (string Name, Func<Task> Run)[]
            {
                ("direct select 1", async () => { await using var c = direct.CreateCommand("select 1"); await c.ExecuteScalarAsync(); }),
                ("http /healthz", async () => { using var r = await env.Http.GetAsync(new Uri(env.Silo.ManagementUrl + "/healthz")); }),
                ("http + grain /status", async () => await env.GetAsync(project, "status")),
                ("/sql select 1", async () => await env.PostAsync(project, "sql", "{\"query\":\"select 1\"}")),
                ("graphql { __typename }", async () => await env.PostAsync(project, "graphql", "{\"query\":\"{ __typename }\"}")),
                ("graphql by pk, literal", async () => await env.PostAsync(project, "graphql", "{\"query\":\"{ itemById(id: 7) { id name } }\"}")),
                ("graphql by pk, variable", async () => await env.PostAsync(project, "graphql", "{\"query\":\"query($id:Int!){ itemById(id:$id){ id name } }\",\"variables\":{\"id\":7}}")),
            };
            // Latency on a shared 2-core machine mostly measures the neighbours; the silo's CPU time per request does not
            // depend on how long it waited for a core, so it is the column to compare between builds.
            using var siloProcess = Process.GetProcessById(env.Silo.ProcessId);
            Console.WriteLine("| step (concurrency 1) | req/s | p50 µs | p99 µs | silo CPU µs/req |");
            Console.WriteLine("|---|---|---|---|---|");
            foreach (var (name, run) in steps.Where(s => only is null || s.Name.Contains(only, StringComparison.Ordinal)))
            {
                // The first step that reaches the database in a fresh silo otherwise pays the tier-1 JIT of Npgsql, TLS and
                // the response path (about 1.2 ms p50 instead of 0.5 for whichever step came first), so each step runs
                // unmeasured for a while before its window.
                var warm = Stopwatch.StartNew();
                while (warm.Elapsed < WarmUp)
                {
                    await run();
                }

                siloProcess.Refresh();
                var cpu0 = siloProcess.TotalProcessorTime;
                var r = await LoadRunner.RunAsync(name, 1, duration, run);
                siloProcess.Refresh();
                var requests = r.RequestsPerSecond * duration.TotalSeconds + LoadRunner.WarmupCalls(1);
                var cpu = (siloProcess.TotalProcessorTime - cpu0).TotalMicroseconds / requests;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {r.RequestsPerSecond:F0} | {r.P50Micros:F0} | {r.P99Micros:F0} | {cpu:F0} |"));
            }
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await tenant.DisposeAsync();
        }
    }
}
