#:project ../../../data-plane/Platform.DataPlane.Execution/Platform.DataPlane.Execution.csproj
#:project ../../Platform.Testing/Platform.Testing.csproj
#:property PublishAot=false

// Data plane benchmark (not a test): the same four queries through GraphQLService.ExecuteAsync and as the planner's SQL
// run directly with Npgsql, at concurrency 1, 16 and 64. Run from the checkout root:
//   dotnet run tests/Platform.DataPlane.Planning.Tests/Benchmark/bench.cs [seconds-per-run]
// It uses the same throwaway-database fixture as the tests; set PLATFORM_TEST_DATABASE_URL to a server
// (for instance the private cluster scripts/postgres.sh starts) since a file-based app has no checkout-relative output folder.
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Platform.DataPlane.Execution;
using Platform.DataPlane.Planning;
using Platform.DataPlane.Planning.Binding;
using Platform.DataPlane.Planning.Documents;
using Platform.DataPlane.Planning.Planner;
using Platform.Testing.Postgres;

var seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 3.0;
var db = new TestDatabase();
await db.InitializeAsync();
try
{
    await db.ExecuteAsync(await File.ReadAllTextAsync(Path.Combine(SourceDirectory(), "..", "Sql", "forum.sql")));
    await db.ExecuteAsync("""
        insert into "group" (name) select 'Bench ' || g from generate_series(1, 10) g;
        insert into event (group_id, title, status, starts_at)
          select g.id, g.name || ' event ' || e, 'published', timestamptz '2024-07-01' + e * interval '1 hour'
          from "group" g, generate_series(1, 10) e where g.name like 'Bench %';
        create index on event (group_id);
        create index on comment (event_id);
        insert into comment (event_id, author_id, body, created_at)
          select e.id, '00000000-0000-0000-0000-000000000001', 'Comment ' || c || ' on ' || e.title, now()
          from event e join "group" g on g.id = e.group_id, generate_series(1, 10) c where g.name like 'Bench %';
        analyze;
        """);
    var builder = new NpgsqlConnectionStringBuilder(db.ConnectionString) { MaxPoolSize = 64 };
    await using var dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
    var service = await GraphQLService.CreateAsync(dataSource, GraphQLServiceOptions.Default, CancellationToken.None);

    (string Name, string Query, string? Variables)[] scenarios =
    [
        ("by primary key", "query($id: Int!) { eventById(id: $id) { id title startsAt } }", "{\"id\": 7}"),
        ("20 rows + 1 relation", "{ allEvents(first: 20) { nodes { id title groupByGroupId { name } } } }", null),
        ("3 levels 10x10x10", "{ allGroups(first: 10, orderBy: ID_DESC) { nodes { name eventsByGroupId(first: 10) { nodes { title commentsByEventId(first: 10) { nodes { body } } } } } } }", null),
        ("connection+count+order+condition", "{ allEvents(first: 10, orderBy: STARTS_AT_DESC, condition: {status: PUBLISHED}) { totalCount nodes { id title } } }", null),
    ];

    Console.WriteLine($"{"scenario",-34} {"conc",4} | {"graphql req/s",13} {"p50 µs",8} {"p99 µs",8} | {"direct req/s",12} {"p50 µs",8} {"p99 µs",8} | ratio");
    foreach (var (name, query, variablesJson) in scenarios)
    {
        var body = Encoding.UTF8.GetBytes("{\"query\":" + JsonSerializer.Serialize(query) + ",\"variables\":" + (variablesJson ?? "null") + "}");
        var request = new GraphQLHttpRequest("POST", "application/json", null, body, null);
        var check = await service.ExecuteAsync(dataSource, request, CancellationToken.None);
        if (check.StatusCode != 200 || Encoding.UTF8.GetString(check.Body).Contains("\"errors\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException(name + ": " + Encoding.UTF8.GetString(check.Body));
        }

        var options = new PlannerOptions();
        JsonElement? variables = variablesJson is null ? null : JsonDocument.Parse(variablesJson).RootElement.Clone();
        var statement = new OperationPlanner(service.Model, options).Plan(DocumentParser.Parse(query, options), null, variables).RootFields[0].Statement!;
        var values = ParameterBinder.Bind(statement, variables);

        async Task Graphql() => await service.ExecuteAsync(dataSource, request, CancellationToken.None);
        async Task Direct()
        {
            await using var conn = await dataSource.OpenConnectionAsync();
            await using var cmd = new NpgsqlCommand(statement.Text, conn);
            foreach (var v in values)
            {
                cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)v ?? DBNull.Value });
            }

            await cmd.PrepareAsync();
            _ = (string?)await cmd.ExecuteScalarAsync();
        }

        foreach (var concurrency in new[] { 1, 16, 64 })
        {
            var g = await RunAsync(Graphql, concurrency, seconds);
            var d = await RunAsync(Direct, concurrency, seconds);
            Console.WriteLine($"{name,-34} {concurrency,4} | {g.Rps,13:F0} {g.P50,8:F0} {g.P99,8:F0} | {d.Rps,12:F0} {d.P50,8:F0} {d.P99,8:F0} | {g.Rps / d.Rps:F2}");
        }
    }
}
finally
{
    await db.DisposeAsync();
}

static async Task<(double Rps, double P50, double P99)> RunAsync(Func<Task> action, int concurrency, double seconds)
{
    // Warm up concurrently for a second, so every pooled connection is open with the statement prepared and
    // tiered JIT has promoted the hot path before timing starts.
    var warm = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
    {
        for (var i = 0; i < 20 || warm.Elapsed.TotalSeconds < 1; i++)
        {
            await action();
        }
    }));

    var stop = Stopwatch.StartNew();
    var samples = new List<double>[concurrency];
    var workers = Enumerable.Range(0, concurrency).Select(async w =>
    {
        var mine = samples[w] = new List<double>(4096);
        while (stop.Elapsed.TotalSeconds < seconds)
        {
            var t = Stopwatch.GetTimestamp();
            await action();
            mine.Add(Stopwatch.GetElapsedTime(t).TotalMicroseconds);
        }
    }).ToArray();
    await Task.WhenAll(workers);
    var all = samples.SelectMany(s => s).Order().ToArray();
    return (all.Length / stop.Elapsed.TotalSeconds, all[all.Length / 2], all[(int)(all.Length * 0.99)]);
}

static string SourceDirectory([System.Runtime.CompilerServices.CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
