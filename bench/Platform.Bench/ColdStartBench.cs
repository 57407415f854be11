using System.Diagnostics;
using System.Globalization;
using Npgsql;
using Platform.Testing.Postgres;

namespace Platform.Bench;

/// <summary>
/// Activation to first answer for a project on a 50-table schema: each sample is a project the silo has never seen,
/// so the first request pays for loading its settings, opening its pool, introspecting and building the schema.
/// </summary>
public static class ColdStartBench
{
    public static async Task RunAsync(int samples)
    {
        await using var env = await BenchEnvironment.StartAsync();
        var tenant = new TestDatabase();
        await tenant.InitializeAsync();
        try
        {
            await tenant.ExecuteAsync(Tenants.FiftyTablesSql());
            // One throwaway activation so the silo's own JIT is not billed to the first sample.
            await env.PostAsync(await env.CreateProjectAsync(tenant.ConnectionString), "graphql", "{\"query\":\"{ __typename }\"}");

            var times = new List<double>();
            for (var i = 0; i < samples; i++)
            {
                var project = await env.CreateProjectAsync(tenant.ConnectionString);
                var watch = Stopwatch.StartNew();
                var (status, body) = await env.PostAsync(project, "graphql", "{\"query\":\"{ allT50s(first: 1) { totalCount } }\"}");
                times.Add(watch.Elapsed.TotalMilliseconds);
                if (status != 200 || body.Contains("\"errors\"", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException(body);
                }
            }

            times.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"cold start, 50-table schema, {samples} fresh projects: min {times[0]:F0} ms, median {times[times.Count / 2]:F0} ms, max {times[^1]:F0} ms"));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await tenant.DisposeAsync();
        }
    }
}
