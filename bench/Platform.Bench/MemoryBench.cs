using System.Diagnostics;
using System.Globalization;
using Npgsql;
using Platform.Testing.Postgres;

namespace Platform.Bench;

/// <summary>
/// Many projects activated on one silo, each on a 50-table schema: the silo's resident memory per active idle project,
/// and how long the activations took. The tenant runs on a private cluster with room for one connection per project.
/// </summary>
public static class MemoryBench
{
    public static async Task RunAsync(int projects)
    {
        Environment.SetEnvironmentVariable("PG_MAX_CONNECTIONS", (projects + 100).ToString(CultureInfo.InvariantCulture));
        await using var cluster = await LocalCluster.CreateOwnAsync("platform_bench");
        await using (var admin = new NpgsqlConnection(cluster.AdminConnectionString))
        {
            await admin.OpenAsync();
            await using var cmd = new NpgsqlCommand("CREATE DATABASE bench_fifty TEMPLATE template0", admin);
            await cmd.ExecuteNonQueryAsync();
        }

        var tenant = ConnectionStrings.WithDatabase(cluster.AdminConnectionString, "bench_fifty");
        await using (var ds = NpgsqlDataSource.Create(tenant))
        await using (var cmd = ds.CreateCommand(Tenants.FiftyTablesSql()))
        {
            await cmd.ExecuteNonQueryAsync();
        }

        await using var env = await BenchEnvironment.StartAsync();
        var ids = new List<Guid>();
        for (var i = 0; i < projects; i++)
        {
            ids.Add(await env.CreateProjectAsync(tenant));
        }

        // Warm the silo (JIT, Orleans) with a handful before the baseline, so the baseline is a serving silo.
        foreach (var id in ids.Take(5))
        {
            await env.PostAsync(id, "graphql", "{\"query\":\"{ __typename }\"}");
        }

        var baseline = env.SiloRssBytes();
        var watch = Stopwatch.StartNew();
        var checkpoints = new List<(int Count, long Rss, double Seconds)>();
        var done = 5;
        foreach (var chunk in ids.Skip(5).Chunk(8))
        {
            await Task.WhenAll(chunk.Select(async id =>
            {
                var (status, body) = await env.PostAsync(id, "graphql", "{\"query\":\"{ __typename }\"}");
                if (status != 200)
                {
                    throw new InvalidOperationException(body);
                }
            }));
            done += chunk.Length;
            if (done % 200 < 8 || done == projects)
            {
                checkpoints.Add((done, env.SiloRssBytes(), watch.Elapsed.TotalSeconds));
            }
        }

        foreach (var (count, rss, seconds) in checkpoints)
        {
            var per = (rss - baseline) / (double)(count - 5) / (1024 * 1024);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{count} projects active: silo RSS {rss / (1024 * 1024)} MiB (baseline {baseline / (1024 * 1024)} MiB), {per:F2} MiB per project, {seconds:F1} s of activations"));
        }
    }
}
