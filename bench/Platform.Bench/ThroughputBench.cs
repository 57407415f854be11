using System.Globalization;
using Npgsql;
using Platform.Bench.Scenarios;
using Platform.DataPlane.Execution;

namespace Platform.Bench;

/// <summary>
/// GraphQL by primary key and a /sql SELECT through the silo's HTTP surface, side by side with the same read done
/// directly with Npgsql on a pool of the same size, in one run, at concurrency 1, 16 and 64; then the shared forum
/// scenarios (list with a relation, 10 × 10 × 10 nesting, counted connection), whose direct side is the planner's own
/// statement with the same values, so the ratio is what the platform adds around PostgreSQL's work.
/// </summary>
public static class ThroughputBench
{
    public static async Task RunAsync(TimeSpan duration)
    {
        await using var env = await BenchEnvironment.StartAsync();
        var tenant = await Tenants.ItemsAsync(withForum: true);
        try
        {
            var project = await env.CreateProjectAsync(tenant.ConnectionString);
            await using var direct = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(tenant.ConnectionString) { MaxPoolSize = 10 }.ConnectionString);
            var rows = new[] { 1 };
            var (status, body) = await env.PostAsync(project, "graphql", Graph(1));
            Check(status == 200 && body.Contains("\"item 1\"", StringComparison.Ordinal), body);
            (status, body) = await env.PostAsync(project, "sql", Sql(1));
            Check(status == 200 && body.Contains("\"item 1\"", StringComparison.Ordinal), body);

            var results = new List<(LoadResult Platform, LoadResult Direct)>();
            foreach (var c in new[] { 1, 16, 64 })
            {
                results.Add((
                    await LoadRunner.RunAsync("graphql by pk", c, duration, async () => Ok(await env.PostAsync(project, "graphql", Graph(Next())))),
                    await LoadRunner.RunAsync("direct json by pk", c, duration, () => DirectJsonAsync(direct, Next()))));
                results.Add((
                    await LoadRunner.RunAsync("/sql select", c, duration, async () => Ok(await env.PostAsync(project, "sql", Sql(Next())))),
                    await LoadRunner.RunAsync("direct select", c, duration, () => DirectRowAsync(direct, Next()))));
            }

            // The planner needs the tenant's schema model; the silo builds the same one from the same catalog.
            var model = (await GraphQLService.CreateAsync(direct, GraphQLServiceOptions.Default, CancellationToken.None)).Model;
            foreach (var scenario in ForumBench.Scenarios)
            {
                var statement = DirectStatement.Plan(model, scenario);
                var request = scenario.Body;
                (status, var answer) = await env.PostAsync(project, "graphql", request);
                Check(status == 200 && !answer.Contains("\"errors\"", StringComparison.Ordinal), answer);
                var expected = await statement.RunAsync(direct);
                Check(answer.Contains(expected, StringComparison.Ordinal), scenario.Name + ": the silo's answer does not hold the direct statement's JSON");
                foreach (var c in new[] { 1, 16, 64 })
                {
                    results.Add((
                        await LoadRunner.RunAsync("graphql " + scenario.Name, c, duration, async () => Ok(await env.PostAsync(project, "graphql", request))),
                        await LoadRunner.RunAsync("planner sql", c, duration, () => statement.RunAsync(direct))));
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

    private static int Next() => Random.Shared.Next(1, 1001);

    private static string Graph(int id) =>
        "{\"query\":\"query($id:Int!){ itemById(id:$id){ id name price } }\",\"variables\":{\"id\":" + id.ToString(CultureInfo.InvariantCulture) + "}}";

    private static string Sql(int id) =>
        "{\"query\":\"select id, name, price from items where id = $1\",\"params\":[" + id.ToString(CultureInfo.InvariantCulture) + "]}";

    private static async Task DirectJsonAsync(NpgsqlDataSource ds, int id)
    {
        await using var cmd = ds.CreateCommand("select json_build_object('id', id, 'name', name, 'price', price::text)::text from items where id = $1");
        cmd.Parameters.AddWithValue(id);
        Check(await cmd.ExecuteScalarAsync() is string, "no row");
    }

    private static async Task DirectRowAsync(NpgsqlDataSource ds, int id)
    {
        await using var cmd = ds.CreateCommand("select id, name, price from items where id = $1");
        cmd.Parameters.AddWithValue(id);
        await using var reader = await cmd.ExecuteReaderAsync();
        Check(await reader.ReadAsync(), "no row");
        _ = reader.GetInt32(0);
        _ = reader.GetString(1);
        _ = reader.GetDecimal(2);
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
