using System.Collections.Concurrent;
using System.Text.Json;
using Npgsql;
using Platform.EndToEnd.Tests.Fixtures;
using Platform.Metadata.Projects;
using Platform.Testing.Postgres;
using Xunit;

namespace Platform.EndToEnd.Tests;

/// <summary>The data plane through the gateway: SQL over HTTP, the pool cap, timeouts, live schema, idling.</summary>
public sealed class DataPlaneTests(DataPlanePlatform platform) : IClassFixture<DataPlanePlatform>
{
    private string Gateway => platform.GatewayUrl;

    [Fact]
    public async Task Sql_over_http_answers_in_neons_shape_and_counts_in_metrics()
    {
        var key = platform.ProjectA.ServiceKey.Key;
        var (status, body, _) = await GatewayClient.PostJsonAsync(Gateway + "/sql", """{"query":"select $1::int + 1 as n, 9007199254740993::int8 as big","params":[41]}""", key);
        Assert.Equal(200, status);
        Assert.Equal("SELECT", body.GetProperty("command").GetString());
        Assert.Equal(1, body.GetProperty("rowCount").GetInt32());
        Assert.Equal(42, body.GetProperty("rows")[0].GetProperty("n").GetInt32());
        Assert.Equal("9007199254740993", body.GetProperty("rows")[0].GetProperty("big").GetString());
        Assert.Equal(23, body.GetProperty("fields")[0].GetProperty("dataTypeID").GetInt32());

        // A batch is one transaction: the failing second statement takes the first with it.
        await GatewayClient.PostJsonAsync(Gateway + "/sql", """{"query":"create table if not exists batch_t (id int primary key)"}""", key);
        (status, body, _) = await GatewayClient.PostJsonAsync(Gateway + "/sql",
            """{"queries":[{"query":"insert into batch_t values (1)"},{"query":"insert into batch_t values (1)"}]}""", key);
        Assert.Equal(400, status);
        Assert.Equal("23505", body.GetProperty("code").GetString());
        (status, body, _) = await GatewayClient.PostJsonAsync(Gateway + "/sql", """{"query":"select count(*) as c from batch_t"}""", key);
        Assert.Equal("0", body.GetProperty("rows")[0].GetProperty("c").GetString());

        // Injection attempts in parameters stay data.
        (status, body, _) = await GatewayClient.PostJsonAsync(Gateway + "/sql", """{"query":"select $1::text as t","params":["'; drop table batch_t; --"]}""", key);
        Assert.Equal(200, status);
        Assert.Equal("'; drop table batch_t; --", body.GetProperty("rows")[0].GetProperty("t").GetString());

        var metrics = await GatewayClient.Http.GetStringAsync(new Uri(platform.Hosts.Silos[0].ManagementUrl + "/metrics"));
        Assert.Contains("platform_dataplane_requests", metrics, StringComparison.Ordinal);
        Assert.Contains(platform.ProjectA.Id.ToString("N"), metrics, StringComparison.Ordinal);
        // Pool busy/idle per project come from Npgsql's meter, keyed by the data source's name.
        Assert.Contains("db_client_connection_count{", metrics, StringComparison.Ordinal);
        Assert.Contains("db_client_connection_pool_name=\"project:" + platform.ProjectA.Id.ToString("N") + "\"", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pool_cap_holds_under_200_concurrent_requests_and_overflow_gets_pool_timeout()
    {
        var tenant = new TestDatabase();
        await tenant.InitializeAsync();
        try
        {
            var project = await platform.Hosts.CreateProjectAsync(tenant.ConnectionString,
                new ProjectSettings { PoolSize = 5, PoolTimeoutSeconds = 1 });
            Assert.Equal(200, (await GatewayClient.PostJsonAsync(Gateway + "/sql", """{"query":"select 1"}""", project.ServiceKey.Key)).Status);

            long peak = 0;
            using var stop = new CancellationTokenSource();
            var sampler = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    peak = Math.Max(peak, await TenantActivity.ConnectionsAsync(tenant.DataSource, project.Id));
                    await Task.Delay(10);
                }
            });

            // Straight to the silo, signed as the gateway signs: this is the data plane's cap, not the gateway's
            // concurrency limit (which would turn most of these away before they reach the pool).
            var silo = new SignedSiloClient(platform.Hosts.InternalSecret);
            var answers = new ConcurrentBag<(int Status, string? Code, bool RetryAfter)>();
            await Parallel.ForEachAsync(Enumerable.Range(0, 200), new ParallelOptions { MaxDegreeOfParallelism = 200 }, async (_, _) =>
            {
                var (status, body, retryAfter) = await silo.PostAsync(platform.Hosts.Silos[0].Url, project.Id, "sql", """{"query":"select pg_sleep(0.1)"}""");
                var code = status == 200 ? null : body.ValueKind == JsonValueKind.Object && body.TryGetProperty("code", out var c) ? c.GetString() : body.ToString();
                answers.Add((status, code, retryAfter));
            });
            await stop.CancelAsync();
            await sampler;

            Assert.InRange(peak, 1, 5);
            Assert.Equal(200, answers.Count);
            Assert.All(answers, a => Assert.True(a.Status == 200 || (a.Status == 503 && a.Code == "POOL_TIMEOUT" && a.RetryAfter), $"{a.Status} {a.Code}"));
            Assert.Contains(answers, a => a.Status == 200);
            Assert.Contains(answers, a => a.Status == 503);
        }
        finally
        {
            await tenant.DisposeAsync();
        }
    }

    [Fact]
    public async Task Statement_timeout_is_reported_and_the_connection_stays_healthy()
    {
        var tenant = new TestDatabase();
        await tenant.InitializeAsync();
        try
        {
            await tenant.ExecuteAsync("CREATE FUNCTION public.slow_value() RETURNS int LANGUAGE sql STABLE AS $$ SELECT pg_sleep(3); SELECT 1 $$");
            var project = await platform.Hosts.CreateProjectAsync(tenant.ConnectionString,
                new ProjectSettings { PoolSize = 1, StatementTimeoutSeconds = 1 });
            var key = project.ServiceKey.Key;

            var (status, body, _) = await GatewayClient.PostJsonAsync(Gateway + "/sql", """{"query":"select pg_sleep(3)"}""", key);
            Assert.Equal(400, status);
            Assert.Equal("STATEMENT_TIMEOUT", body.GetProperty("code").GetString());

            (status, body, _) = await GatewayClient.GraphQLAsync(Gateway, key, "{ slowValue }");
            Assert.Equal("STATEMENT_TIMEOUT", body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());

            // The one pooled connection is still good for the next request.
            (status, body, _) = await GatewayClient.PostJsonAsync(Gateway + "/sql", """{"query":"select 7 as x"}""", key);
            Assert.Equal(200, status);
            Assert.Equal(7, body.GetProperty("rows")[0].GetProperty("x").GetInt32());
        }
        finally
        {
            await tenant.DisposeAsync();
        }
    }

    [Fact]
    public async Task Ddl_shows_up_in_graphql_within_two_seconds_while_load_runs_without_failures()
    {
        var tenant = new TestDatabase();
        await tenant.InitializeAsync();
        try
        {
            await tenant.ExecuteAsync("CREATE TABLE public.widgets (id serial PRIMARY KEY, name text, legacy text); INSERT INTO public.widgets (name) VALUES ('a'), ('b')");
            var project = await platform.Hosts.CreateProjectAsync(tenant.ConnectionString);

            // Straight to the silo, as the gateway sends it: the gateway's rate limit is not what this measures.
            var silo = new SignedSiloClient(platform.Hosts.InternalSecret);
            Task<(int Status, JsonElement Body, bool RetryAfter)> Graph(string query) =>
                silo.PostAsync(platform.Hosts.Silos[0].Url, project.Id, "graphql", JsonSerializer.Serialize(new { query }), role: "anon");
            var first = await Graph("{ allWidgets { totalCount } }");
            Assert.True(first.Status == 200, $"{first.Status} {first.Body}");

            using var stop = new CancellationTokenSource();
            var failures = new ConcurrentBag<string>();
            var served = 0;
            var load = Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    var (status, body, _) = await Graph("{ allWidgets { totalCount nodes { name } } }");
                    if (status != 200 || body.TryGetProperty("errors", out _) || body.GetProperty("data").GetProperty("allWidgets").GetProperty("totalCount").GetInt32() != 2)
                    {
                        failures.Add($"{status} {body}");
                    }

                    Interlocked.Increment(ref served);
                }
            })).ToArray();

            await tenant.ExecuteAsync("CREATE TABLE public.gadgets (id serial PRIMARY KEY, label text)");
            var took = await Polling.UntilAsync(async () => IsData(await Graph("{ allGadgets { totalCount } }")), TimeSpan.FromSeconds(10), "new table");
            Assert.True(took < TimeSpan.FromSeconds(2), $"new table took {took}");

            await tenant.ExecuteAsync("ALTER TABLE public.widgets ADD COLUMN color text");
            took = await Polling.UntilAsync(async () => IsData(await Graph("{ allWidgets { nodes { color } } }")), TimeSpan.FromSeconds(10), "new column");
            Assert.True(took < TimeSpan.FromSeconds(2), $"new column took {took}");

            await tenant.ExecuteAsync("CREATE FUNCTION public.answer() RETURNS int LANGUAGE sql STABLE AS $$ SELECT 42 $$");
            took = await Polling.UntilAsync(async () => IsData(await Graph("{ answer }")), TimeSpan.FromSeconds(10), "new function");
            Assert.True(took < TimeSpan.FromSeconds(2), $"new function took {took}");

            await tenant.ExecuteAsync("ALTER TABLE public.widgets DROP COLUMN legacy");
            took = await Polling.UntilAsync(async () =>
                {
                    // With Accept: application/json the GraphQL-over-HTTP spec answers validation errors with 200.
                    var (_, body, _) = await Graph("{ allWidgets { nodes { legacy } } }");
                    return body.TryGetProperty("errors", out var errors)
                        && errors[0].GetProperty("message").GetString()!.Contains("legacy", StringComparison.Ordinal);
                }, TimeSpan.FromSeconds(10), "dropped column");
            Assert.True(took < TimeSpan.FromSeconds(2), $"dropped column took {took}");

            await stop.CancelAsync();
            await Task.WhenAll(load);
            Assert.True(served > 10, $"only {served} requests ran during the changes");
            Assert.Empty(failures);

            // And the user's path, through the gateway, sees the new schema too.
            Assert.True(IsData(await GatewayClient.GraphQLAsync(Gateway, project.AnonKey.Key, "{ allGadgets { totalCount } answer }")));
        }
        finally
        {
            await tenant.DisposeAsync();
        }
    }

    [Fact]
    public async Task Wrong_password_at_activation_gives_a_clear_error_every_time_without_crashing()
    {
        var bad = new NpgsqlConnectionStringBuilder(platform.TenantA.ConnectionString) { Password = "wrong-password" }.ConnectionString;
        var project = await platform.Hosts.CreateProjectAsync(bad);
        for (var i = 0; i < 5; i++)
        {
            var (status, body, response) = await GatewayClient.GraphQLAsync(Gateway, project.AnonKey.Key);
            Assert.Equal(503, status);
            var error = body.GetProperty("errors")[0];
            Assert.Equal("DATABASE_UNAVAILABLE", error.GetProperty("extensions").GetProperty("code").GetString());
            Assert.Contains("authentication failed", error.GetProperty("message").GetString(), StringComparison.Ordinal);
            Assert.DoesNotContain("wrong-password", body.ToString(), StringComparison.Ordinal);
            Assert.NotNull(response.Headers.RetryAfter);
        }

        Assert.False(platform.Hosts.Silos[0].HasExited);
        Assert.Equal(200, (await GatewayClient.GraphQLAsync(Gateway, platform.ProjectA.AnonKey.Key)).Status);
    }

    [Fact]
    public async Task An_idle_project_deactivates_and_closes_its_connections()
    {
        var tenant = new TestDatabase();
        await tenant.InitializeAsync();
        try
        {
            var project = await platform.Hosts.CreateProjectAsync(tenant.ConnectionString);
            Assert.Equal(200, (await GatewayClient.GraphQLAsync(Gateway, project.AnonKey.Key)).Status);
            Assert.True(await TenantActivity.ConnectionsAsync(tenant.DataSource, project.Id) >= 1);

            // IdleTimeout is 3 s in this fixture; the pool is closed with the activation.
            await Polling.UntilAsync(async () => await TenantActivity.ConnectionsAsync(tenant.DataSource, project.Id) == 0,
                TimeSpan.FromSeconds(20), "connections closed after idling");

            // And the project comes back on the next request.
            Assert.Equal(200, (await GatewayClient.GraphQLAsync(Gateway, project.AnonKey.Key)).Status);
        }
        finally
        {
            await tenant.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_project_served_by_the_silo_holding_it_stays_active_while_requests_come()
    {
        var tenant = new TestDatabase();
        await tenant.InitializeAsync();
        try
        {
            var project = await platform.Hosts.CreateProjectAsync(tenant.ConnectionString);
            var client = new SignedSiloClient(platform.Hosts.InternalSecret);
            var silo = platform.Hosts.Silos[0].Url;
            Assert.Equal(200, (await GatewayClient.GraphQLAsync(Gateway, project.AnonKey.Key)).Status);
            var activated = await ActivatedAtAsync(client, silo, project.Id);

            // These requests are served by the activation without grain calls; for three idle timeouts (3 s here) they
            // must still keep it, and its pool, alive.
            for (var until = DateTime.UtcNow.AddSeconds(9); DateTime.UtcNow < until; await Task.Delay(250))
            {
                Assert.Equal(200, (await GatewayClient.GraphQLAsync(Gateway, project.AnonKey.Key)).Status);
            }

            Assert.Equal(activated, await ActivatedAtAsync(client, silo, project.Id));
        }
        finally
        {
            await tenant.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_reactivated_project_restores_its_stored_schema_unless_the_catalog_changed()
    {
        var tenant = new TestDatabase();
        await tenant.InitializeAsync();
        try
        {
            await tenant.ExecuteAsync("CREATE TABLE public.notes (id serial PRIMARY KEY, body text)");
            var project = await platform.Hosts.CreateProjectAsync(tenant.ConnectionString);
            var client = new SignedSiloClient(platform.Hosts.InternalSecret);
            var silo = platform.Hosts.Silos[0].Url;
            Assert.Equal(200, (await GatewayClient.GraphQLAsync(Gateway, project.AnonKey.Key, "{ allNotes { totalCount } }")).Status);
            Assert.False(await RestoredAsync(client, silo, project.Id));

            // Idle deactivation (3 s here) closes the pool; the next activation finds the catalog unchanged.
            await Polling.UntilAsync(async () => await TenantActivity.ConnectionsAsync(tenant.DataSource, project.Id) == 0,
                TimeSpan.FromSeconds(20), "first activation idled out");
            Assert.True(await RestoredAsync(client, silo, project.Id));
            Assert.Equal(200, (await GatewayClient.GraphQLAsync(Gateway, project.AnonKey.Key, "{ allNotes { totalCount } }")).Status);

            // A change made while the project was asleep is never hidden by the stored snapshot.
            await Polling.UntilAsync(async () => await TenantActivity.ConnectionsAsync(tenant.DataSource, project.Id) == 0,
                TimeSpan.FromSeconds(20), "second activation idled out");
            await tenant.ExecuteAsync("ALTER TABLE public.notes ADD COLUMN title text");
            Assert.False(await RestoredAsync(client, silo, project.Id));
            Assert.True(IsData(await GatewayClient.GraphQLAsync(Gateway, project.AnonKey.Key, "{ allNotes { nodes { title } } }")));
        }
        finally
        {
            await tenant.DisposeAsync();
        }
    }

    [Fact]
    public async Task Tenant_database_down_fails_fast_and_the_project_recovers_by_itself()
    {
        await using var cluster = await LocalCluster.CreateOwnAsync("platform_outage");
        var tenant = ConnectionStrings.WithDatabase(cluster.AdminConnectionString, "postgres");
        var project = await platform.Hosts.CreateProjectAsync(tenant, new ProjectSettings { PoolTimeoutSeconds = 2 });
        var key = project.ServiceKey.Key;
        Assert.Equal(200, (await GatewayClient.GraphQLAsync(Gateway, key)).Status);

        await cluster.StopAsync();
        for (var i = 0; i < 3; i++)
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var (status, body, _) = await GatewayClient.PostJsonAsync(Gateway + "/sql", """{"query":"select 1"}""", key);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"took {watch.Elapsed}, past the pool wait");
            Assert.Equal(503, status);
            Assert.Equal("DATABASE_UNAVAILABLE", body.GetProperty("code").GetString());

            // A root __typename is answered without the database; "query" nested under it is a statement.
            watch.Restart();
            (status, body, _) = await GatewayClient.GraphQLAsync(Gateway, key, "{ query { __typename } }");
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"took {watch.Elapsed}, past the pool wait");
            Assert.True(status == 503 || (status == 200 && body.TryGetProperty("errors", out _)), $"{status} {body}");
            (status, body, _) = await GatewayClient.GraphQLAsync(Gateway, key, "{ __typename }");
            Assert.Equal(200, status);
            Assert.Equal("Query", body.GetProperty("data").GetProperty("__typename").GetString());
        }

        await cluster.StartAsync();
        await Polling.UntilAsync(async () => (await GatewayClient.PostJsonAsync(Gateway + "/sql", """{"query":"select 1"}""", key)).Status == 200,
            TimeSpan.FromSeconds(30), "recovery after the database came back");
        Assert.Equal(200, (await GatewayClient.GraphQLAsync(Gateway, key)).Status);
        NpgsqlConnection.ClearAllPools();
    }

    private static async Task<string> ActivatedAtAsync(SignedSiloClient client, string silo, Guid project)
    {
        var (status, body) = await client.GetAsync(silo, project, $"/internal/projects/{project}/status");
        Assert.Equal(200, status);
        return body.GetProperty("activatedAt").GetString()!;
    }

    private static async Task<bool> RestoredAsync(SignedSiloClient client, string silo, Guid project)
    {
        var (status, body) = await client.GetAsync(silo, project, $"/internal/projects/{project}/status");
        Assert.Equal(200, status);
        return body.GetProperty("schemaRestored").GetBoolean();
    }

    private static bool IsData((int Status, JsonElement Body, HttpResponseMessage Response) r) => IsData(r.Status, r.Body);

    private static bool IsData((int Status, JsonElement Body, bool RetryAfter) r) => IsData(r.Status, r.Body);

    private static bool IsData(int status, JsonElement body) =>
        status == 200 && !body.TryGetProperty("errors", out _) && body.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.Object;
}
