using System.Globalization;
using Npgsql;

namespace Platform.Bench;

/// <summary>
/// /sql as Neon's driver calls it (Neon-Raw-Text-Output and Neon-Array-Mode: values as PostgreSQL's text) against
/// /sql without the headers (the platform's typed JSON, every value mapped from its text) and against the same
/// statement run directly with Npgsql on a pool of the same size (10), at concurrency 1, 16 and 64, for one row by
/// primary key and for 50 rows. Each side's answer is checked before timing.
/// </summary>
public static class NeonSqlBench
{
    private static readonly Dictionary<string, string> NeonHeaders = new() { ["Neon-Raw-Text-Output"] = "true", ["Neon-Array-Mode"] = "true" };

    public static async Task RunAsync(TimeSpan duration)
    {
        await using var env = await BenchEnvironment.StartAsync();
        var tenant = await Tenants.ItemsAsync(withForum: false);
        try
        {
            var project = await env.CreateProjectAsync(tenant.ConnectionString);
            await using var direct = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(tenant.ConnectionString) { MaxPoolSize = 10 }.ConnectionString);
            var (status, body) = await env.PostAsync(project, "sql", Body(1, 1), NeonHeaders);
            Check(status == 200 && body.Contains("[\"1\",\"item 1\"", StringComparison.Ordinal) && body.Contains("\"rowAsArray\":true", StringComparison.Ordinal), body);
            (status, body) = await env.PostAsync(project, "sql", Body(1, 1));
            Check(status == 200 && body.Contains("{\"id\":1,\"name\":\"item 1\"", StringComparison.Ordinal), body);

            var results = new List<(LoadResult Platform, LoadResult Direct)>();
            foreach (var rows in new[] { 1, 50 })
            {
                foreach (var c in new[] { 1, 16, 64 })
                {
                    var direct1 = await LoadRunner.RunAsync($"direct {rows} rows", c, duration, () => DirectAsync(direct, Next(), rows));
                    results.Add((await LoadRunner.RunAsync($"/sql neon {rows} rows", c, duration, async () => Ok(await env.PostAsync(project, "sql", Body(Next(), rows), NeonHeaders))), direct1));
                    results.Add((await LoadRunner.RunAsync($"/sql typed {rows} rows", c, duration, async () => Ok(await env.PostAsync(project, "sql", Body(Next(), rows)))), direct1));
                }
            }

            Report.Table(results);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await tenant.DisposeAsync();
        }
    }

    private static int Next() => Random.Shared.Next(1, 951);

    private static string Body(int from, int rows) =>
        "{\"query\":\"select id, name, price from items where id >= $1 order by id limit $2\",\"params\":["
        + from.ToString(CultureInfo.InvariantCulture) + "," + rows.ToString(CultureInfo.InvariantCulture) + "]}";

    private static async Task DirectAsync(NpgsqlDataSource ds, int from, int rows)
    {
        await using var cmd = ds.CreateCommand("select id, name, price from items where id >= $1 order by id limit $2");
        cmd.Parameters.AddWithValue(from);
        cmd.Parameters.AddWithValue((long)rows);
        await using var reader = await cmd.ExecuteReaderAsync();
        var n = 0;
        while (await reader.ReadAsync())
        {
            _ = reader.GetInt32(0);
            _ = reader.GetString(1);
            _ = reader.GetDecimal(2);
            n++;
        }

        Check(n == rows, "rows missing");
    }

    private static void Ok((int Status, string Body) r) => Check(r.Status == 200, r.Body);

    private static void Check(bool ok, string detail)
    {
        if (!ok)
        {
            throw new InvalidOperationException("unexpected answer: " + detail);
        }
    }
}
