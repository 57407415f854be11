#:project ../../../data-plane/Platform.DataPlane.Execution/Platform.DataPlane.Execution.csproj
#:project ../../Platform.Testing/Platform.Testing.csproj
#:project ../../../bench/Platform.Bench.Scenarios/Platform.Bench.Scenarios.csproj
#:property PublishAot=false

// Data plane benchmark (not a test): the same four queries through GraphQLService.ExecuteAsync and as the planner's SQL
// run directly with Npgsql, at concurrency 1, 16 and 64. The scenarios, the tenant and the direct statement are shared
// with bench/Platform.Bench (bench/Platform.Bench.Scenarios), which runs them through a silo's HTTP surface. Run from the checkout root:
//   dotnet run tests/Platform.DataPlane.Planning.Tests/Benchmark/bench.cs [seconds-per-run]
// It uses the same throwaway-database fixture as the tests; set PLATFORM_TEST_DATABASE_URL to a server
// (for instance the private cluster scripts/postgres.sh starts) since a file-based app has no checkout-relative output folder.
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Npgsql;
using Platform.Bench.Scenarios;
using Platform.DataPlane.Execution;
using Platform.Testing.Postgres;

var seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 3.0;
var db = new TestDatabase();
await db.InitializeAsync();
try
{
    await db.ExecuteAsync(ForumBench.SetupSql());
    var builder = new NpgsqlConnectionStringBuilder(db.ConnectionString) { MaxPoolSize = 64 };
    await using var dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
    var service = await GraphQLService.CreateAsync(dataSource, GraphQLServiceOptions.Default, CancellationToken.None);

    Console.WriteLine($"{"scenario",-34} {"conc",4} | {"graphql req/s",13} {"p50 µs",8} {"p99 µs",8} | {"direct req/s",12} {"p50 µs",8} {"p99 µs",8} | ratio");
    foreach (var scenario in ForumBench.Scenarios)
    {
        var name = scenario.Name;
        var request = new GraphQLHttpRequest("POST", "application/json", null, Encoding.UTF8.GetBytes(scenario.Body), null);
        var check = await service.ExecuteAsync(dataSource, request, CancellationToken.None);
        if (check.StatusCode != 200 || Encoding.UTF8.GetString(check.Body).Contains("\"errors\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException(name + ": " + Encoding.UTF8.GetString(check.Body));
        }

        var direct = DirectStatement.Plan(service.Model, scenario);
        async Task Graphql() => await service.ExecuteAsync(dataSource, request, CancellationToken.None);
        async Task Direct() => await direct.RunAsync(dataSource);

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

