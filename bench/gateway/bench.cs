#:project ../../tests/Platform.Testing/Platform.Testing.csproj
#:project ../../control-plane/Platform.Metadata/Platform.Metadata.csproj
#:project ../../common/Platform.ServiceDefaults/Platform.ServiceDefaults.csproj
#:project ../Platform.Bench.Scenarios/Platform.Bench.Scenarios.csproj
#:property PublishAot=false

// Gateway benchmark (not a test): the same GraphQL query straight to a silo (signed, as the gateway signs) and through
// the gateway, at concurrency 1, 16 and 64, in one run; prints the added p50/p99 latency, the throughput ratio, the CPU
// time per request of the client, the silo and the gateway, and the gateway's allocated bytes per request.
// It starts its own silo and gateway processes on 127.0.0.1 from the Release build output (as run.sh builds it) and
// uses the tests' throwaway-database fixture, so set PLATFORM_TEST_DATABASE_URL. From the checkout root:
//   dotnet build Platform.sln -c Release && dotnet run bench/gateway/bench.cs [seconds-per-run]
// Every host is warmed until it stops compiling (tiered JIT runs for ~40 s after traffic starts) before anything is timed.
// Options (environment):
//   BENCH_BASELINE_GATEWAY=<folder>  a second gateway from another build (say, the Release output from before a change)
//                                    is measured right after the first at each concurrency, under the same load;
//   BENCH_BASELINE_ENV="K=V;K=V"     extra environment for that second gateway (the same build with a runtime setting);
//   BENCH_ROUNDS=N                   repeat the three concurrencies N times, to see the run-to-run spread;
//   BENCH_SLICES=N                   cut each path's run into N slices taken in turn with the other paths' (default 4);
//   BENCH_SOAK=S                     only the gateway path at concurrency 16 for S seconds, printing the process ids,
//                                    to attach a profiler (perf record -p, dotnet-trace); BENCH_SOAK_QUERY=1 for the
//                                    read by primary key instead of { __typename }; BENCH_SOAK_PATH=floor or yarp soaks that
//                                    floor hop instead, to profile both the same way. Hosts then write perf maps.
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Platform.Bench.Scenarios;
using Platform.Metadata;
using Platform.Metadata.Keys;
using Platform.Metadata.Projects;
using Platform.Metadata.Security;
using Platform.ServiceDefaults.InternalAuth;
using Platform.Testing.Hosting;
using Platform.Testing.Postgres;

// A file-based app runs from a cache folder, so the hosts are found from the working directory (the checkout root).
var root = Directory.GetCurrentDirectory();
var configuration = Environment.GetEnvironmentVariable("BENCH_CONFIGURATION") ?? "release";

var seconds = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) is { } secondsText ? double.Parse(secondsText, CultureInfo.InvariantCulture) : 5.0;


double? soakSeconds = Environment.GetEnvironmentVariable("BENCH_SOAK") is { Length: > 0 } soakText ? double.Parse(soakText, CultureInfo.InvariantCulture) : null;
// Two queries, each measured at every concurrency: { __typename } (no database: the hop against the least a silo
// does) and a read by primary key (the forum schema of Platform.Bench.Scenarios, as apps mostly send).
var queries = new (string Name, string Body)[]
{
    ("{ __typename }", """{"query":"{ __typename }"}"""),
    (ForumBench.Scenarios[0].Query, ForumBench.Scenarios[0].Body),
};
var body = queries[0].Body;
var metadata = new TestDatabase();
var tenant = new TestDatabase();
await Task.WhenAll(metadata.InitializeAsync(), tenant.InitializeAsync());
var hosts = new List<Process>();
// Each host's management URL by its API URL: health and metrics answer only there (decision 0088).
var managementOf = new Dictionary<string, string>();
try
{
    await MetadataMigrator.MigrateAsync(metadata.ConnectionString);
    var masterKey = SecretProtector.NewMasterKey();
    var secret = "bench-" + Guid.NewGuid().ToString("N");
    var env = new Dictionary<string, string>
    {
        ["ConnectionStrings__Metadata"] = metadata.ConnectionString,
        ["Platform__MasterKey"] = masterKey,
        ["Platform__InternalSecret"] = secret,
        ["Logging__LogLevel__Default"] = "Warning",
        // The tenant database is on 127.0.0.1, which a silo outside Development refuses.
        ["Platform__Silo__Projects__AllowPrivateTenantHosts"] = "true",
        ["Platform__Silo__Projects__AllowPrivilegedTenantLogins"] = "true",
        // The benchmark measures forwarding, not the per-project limits.
        ["Platform__Gateway__Limits__RequestsPerSecond"] = "1000000",
        ["Platform__Gateway__Limits__Burst"] = "1000000",
        ["Platform__Gateway__Limits__MaxConcurrentRequests"] = "10000",
    };
    if (soakSeconds is not null)
    {
        // perf resolves JIT-compiled frames through /tmp/perf-<pid>.map.
        env["DOTNET_PerfMapEnabled"] = "1";
        // Without this, JIT-compiled code runs from a double-mapped memfd that perf cannot match to the map.
        env["DOTNET_EnableWriteXorExecute"] = "0";
    }

    var silo = Start(env, "Platform.DataPlane.Silo", $"--Platform:Silo:Port={FreePort.Next()}", $"--Platform:Silo:GatewayPort={FreePort.Next()}");
    var gateway = Start(env, "Platform.Gateway");
    var baselineDir = Environment.GetEnvironmentVariable("BENCH_BASELINE_GATEWAY");
    var baselineEnv = new Dictionary<string, string>(env);
    foreach (var pair in (Environment.GetEnvironmentVariable("BENCH_BASELINE_ENV") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
    {
        baselineEnv[pair[..pair.IndexOf('=')]] = pair[(pair.IndexOf('=') + 1)..];
    }

    var baseline = baselineDir is { Length: > 0 } ? Start(baselineEnv, "Platform.Gateway", Path.Combine(baselineDir, "Platform.Gateway.dll")) : default;

    // The floor: a bare Kestrel + HttpClient hop with none of the gateway's work (Platform.Bench.ProxyFloor), so each
    // concurrency also shows what any proxy in the path costs on these cores.
    var floor = Start(new Dictionary<string, string>(env) { ["FLOOR_SILO"] = silo.Url }, "Platform.Bench.ProxyFloor");
    // The same hop forwarding with YARP's forwarder as it comes: what YARP itself adds to the floor.
    var yarpFloor = Start(new Dictionary<string, string>(env) { ["FLOOR_SILO"] = silo.Url, ["FLOOR_YARP"] = "1" }, "Platform.Bench.ProxyFloor");
    await ReadyAsync(managementOf[floor.Url]);
    await ReadyAsync(managementOf[yarpFloor.Url]);
    await ReadyAsync(managementOf[silo.Url]);
    await ReadyAsync(managementOf[gateway.Url]);
    if (baseline.Url is not null)
    {
        await ReadyAsync(managementOf[baseline.Url]);
    }

    await using (var setup = new Npgsql.NpgsqlConnection(tenant.ConnectionString))
    {
        await setup.OpenAsync();
        await using var cmd = new Npgsql.NpgsqlCommand(ForumBench.SetupSql(), setup);
        await cmd.ExecuteNonQueryAsync();
    }

    var projectId = await new ProjectStore(metadata.DataSource, SecretProtector.FromBase64(masterKey)).UpsertAsync("bench", tenant.ConnectionString,
        // The anon key runs as a role of its own (decision 0086); here the tenant's login, which owns the forum tables.
        new ProjectSettings { AnonymousRole = new Npgsql.NpgsqlConnectionStringBuilder(tenant.ConnectionString).Username });
    var key = (await new ApiKeyStore(metadata.DataSource).IssueAsync(projectId, ApiKeyRole.Anon)).Key;
    var signer = new InternalRequestSigner(secret);
    var siloPath = $"/internal/projects/{projectId}/graphql";
    using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, UseProxy = false });

    HttpRequestMessage Direct()
    {
        var r = new HttpRequestMessage(HttpMethod.Post, silo.Url + siloPath) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in signer.Headers(projectId.ToString(), "anon", "POST", siloPath, "", "", Encoding.UTF8.GetBytes(body), DateTimeOffset.UtcNow))
        {
            r.Headers.Add(name, value);
        }
        return r;
    }

    HttpRequestMessage ViaGateway() => Through(gateway.Url);

    HttpRequestMessage ViaBaseline() => Through(baseline.Url!);

    HttpRequestMessage ViaFloor() => ThroughFloor(floor.Url);

    HttpRequestMessage ViaYarpFloor() => ThroughFloor(yarpFloor.Url);

    HttpRequestMessage ThroughFloor(string url)
    {
        var r = new HttpRequestMessage(HttpMethod.Post, url + "/graphql") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        r.Headers.Add("X-Bench-Project", projectId.ToString());
        return r;
    }

    HttpRequestMessage Through(string url)
    {
        var r = new HttpRequestMessage(HttpMethod.Post, url + "/graphql") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        r.Headers.Add("X-Api-Key", key);
        return r;
    }

    async Task<(double[] LatenciesMs, double Rps, double Seconds)> RunAsync(Func<HttpRequestMessage> make, int concurrency, double duration)
    {
        var all = new List<double>[concurrency];
        var watch = Stopwatch.StartNew();
        var deadline = TimeSpan.FromSeconds(duration);
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async w =>
        {
            var mine = all[w] = new List<double>();
            while (watch.Elapsed < deadline)
            {
                using var request = make();
                var start = Stopwatch.GetTimestamp();
                using var response = await http.SendAsync(request);
                await response.Content.ReadAsByteArrayAsync();
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"status {(int)response.StatusCode}");
                }

                mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        }));
        var latencies = all.SelectMany(l => l).Order().ToArray();
        return (latencies, latencies.Length / watch.Elapsed.TotalSeconds, watch.Elapsed.TotalSeconds);
    }

    async Task<double> MetricAsync(string url, string name)
    {
        var text = await http.GetStringAsync(managementOf[url] + "/metrics");
        var line = text.Split('\n').FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal));
        return line is null ? double.NaN : double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
    }

    static double Pct(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    // Warm every path (grain activation, plan cache, connection pools, JIT) until the hosts stop compiling: tiered
    // compilation recompiles thousands of methods in the background for tens of seconds after traffic starts, and a
    // run measured during that pays for it (seen: 0.4 CPU-seconds per second in the gateway, 0.7 in the silo).
    var warmHosts = new List<string> { silo.Url, gateway.Url, floor.Url, yarpFloor.Url };
    if (baseline.Url is not null)
    {
        warmHosts.Add(baseline.Url);
    }

    var warmWatch = Stopwatch.StartNew();
    var quietRounds = 0;
    for (var round = 1; ; round++)
    {
        var jitBefore = await Task.WhenAll(warmHosts.Select(u => MetricAsync(u, "dotnet_jit_compilation_time_seconds_total")));
        body = queries[round % queries.Length].Body;
        await RunAsync(Direct, 16, 1.5);
        await RunAsync(ViaGateway, 16, 1.5);
        await RunAsync(ViaFloor, 16, 1.5);
        await RunAsync(ViaYarpFloor, 16, 1.5);
        if (baseline.Url is not null)
        {
            await RunAsync(ViaBaseline, 16, 1.5);
        }

        await Task.Delay(500);
        var jitAfter = await Task.WhenAll(warmHosts.Select(u => MetricAsync(u, "dotnet_jit_compilation_time_seconds_total")));
        var jitMs = jitAfter.Zip(jitBefore, (a, b) => (a - b) * 1000).Max();
        quietRounds = jitMs < 50 ? quietRounds + 1 : 0;
        if ((quietRounds >= 2 && warmWatch.Elapsed > TimeSpan.FromSeconds(20)) || warmWatch.Elapsed > TimeSpan.FromSeconds(120))
        {
            Console.WriteLine($"warm after {warmWatch.Elapsed.TotalSeconds:0} s ({round} rounds; the busiest host compiled for {jitMs:0} ms in the last)");
            break;
        }
    }

    Console.WriteLine($"{seconds} s per run, 1 silo + 1 gateway on 127.0.0.1, {Environment.ProcessorCount} cores shared by all processes; floor = bare Kestrel + HttpClient hop, yarp = the same with YARP's forwarder");
    // CPU time per request of each process (client = this one) and bytes allocated by the gateway per request: much
    // less sensitive than latency to a busy, shared machine. On 2 shared cores the throughput ratio is roughly
    // (client + silo) / (client + silo + gateway) CPU, which these figures let one check. Bytes come from the
    // runtime meter on the gateway's /metrics.
    var self = Process.GetCurrentProcess();
    async Task<Sample> SampleAsync(Func<HttpRequestMessage> make, (string Url, Process Process)? host, int concurrency, double duration)
    {
        // CPU of this client, the silo and the proxy measured (none for direct runs).
        Process[] measured = host is { } h ? [self, silo.Process, h.Process] : [self, silo.Process];
        var allocatedBefore = host is { } h0 ? await AllocatedAsync(h0.Url) : 0;
        var before = Cpu(measured);
        var run = await RunAsync(make, concurrency, duration);
        var after = Cpu(measured);
        double Used(int i) => i < after.Length ? (after[i] - before[i]).TotalMicroseconds : 0;
        var allocated = host is { } h1 ? await AllocatedAsync(h1.Url) - allocatedBefore : 0;
        return new Sample(run.LatenciesMs, run.Seconds, Used(0), Used(1), Used(2), allocated);
    }

    static TimeSpan[] Cpu(Process[] processes)
    {
        foreach (var p in processes)
        {
            p.Refresh();
        }

        return processes.Select(p => p.TotalProcessorTime).ToArray();
    }

    Task<double> AllocatedAsync(string url) => MetricAsync(url, "dotnet_gc_heap_total_allocated_bytes_total");

    // The gateway's own background work (key cache, silo directory, timers) with no traffic, to read the c1 CPU figure against.
    var idle = Cpu([silo.Process, gateway.Process]);
    await Task.Delay(TimeSpan.FromSeconds(3));
    var idleAfter = Cpu([silo.Process, gateway.Process]);
    Console.WriteLine($"idle CPU ms/s: gateway {(idleAfter[1] - idle[1]).TotalMilliseconds / 3:0.0}, silo {(idleAfter[0] - idle[0]).TotalMilliseconds / 3:0.0}");
    if (soakSeconds is not null)
    {
        // For a profiler: only the gateway path, at concurrency 16, for BENCH_SOAK seconds, with BENCH_SOAK_QUERY (0 or
        // 1: which of the queries above; the warm-up leaves either in place).
        body = queries[int.Parse(Environment.GetEnvironmentVariable("BENCH_SOAK_QUERY") ?? "0", CultureInfo.InvariantCulture)].Body;
        var soakPath = Environment.GetEnvironmentVariable("BENCH_SOAK_PATH") ?? "gateway";
        var (soakRequest, soakHost) = soakPath switch
        {
            "floor" => ((Func<HttpRequestMessage>)ViaFloor, floor),
            "yarp" => (ViaYarpFloor, yarpFloor),
            _ => (ViaGateway, gateway),
        };
        Console.WriteLine($"soak: concurrency 16 for {soakSeconds} s through the {soakPath}, pid {soakHost.Process.Id}, silo pid {silo.Process.Id}");
        var soak = Sample.Combine([await SampleAsync(soakRequest, soakHost, 16, soakSeconds.Value)]);
        Console.WriteLine($"soak: {soak.Rps:0} req/s, CPU µs/req client {soak.ClientCpu:0}, silo {soak.SiloCpu:0}, {soakPath} {soak.HostCpu:0}, alloc KB/req {soak.AllocKb:0.00}");
        return;
    }

    Console.WriteLine(" conc | direct p50/p99 ms | gateway p50/p99 ms | added p50/p99 ms | direct rps | gateway rps | ratio | CPU µs/req client+silo direct | client+silo+gw via gateway | gw alloc KB/req");
    var rounds = int.Parse(Environment.GetEnvironmentVariable("BENCH_ROUNDS") ?? "1", CultureInfo.InvariantCulture);
    int[] concurrencies = [1, 16, 64];
    var slices = int.Parse(Environment.GetEnvironmentVariable("BENCH_SLICES") ?? "4", CultureInfo.InvariantCulture);
    var paths = new List<(string Label, Func<HttpRequestMessage> Make, (string Url, Process Process)? Host)> { ("direct", Direct, null), ("gateway", ViaGateway, gateway) };
    if (baseline.Url is not null)
    {
        paths.Add(("base", ViaBaseline, baseline));
    }

    paths.Add(("floor", ViaFloor, floor));
    paths.Add(("yarp", ViaYarpFloor, yarpFloor));
    body = "";
    foreach (var (query, c) in Enumerable.Range(0, rounds).SelectMany(_ => queries.SelectMany(q => concurrencies.Select(c => (q, c)))))
    {
        if (body != query.Body)
        {
            body = query.Body;
            Console.WriteLine("query: " + query.Name);
        }

        // Each path's run is cut into slices taken in turn (direct, gateway, floors, direct, ...), so a change in the
        // machine's load during the run falls on every path alike instead of on whichever ran at that moment.
        var samples = paths.ToDictionary(p => p.Label, _ => new List<Sample>());
        for (var slice = 0; slice < slices; slice++)
        {
            foreach (var (label, make, host) in paths)
            {
                samples[label].Add(await SampleAsync(make, host, c, seconds / slices));
            }
        }

        var d = Sample.Combine(samples["direct"]);
        foreach (var (label, _, _) in paths.Skip(1))
        {
            Console.WriteLine(Row(label == "gateway" ? $"{c,4}" : label, d, Sample.Combine(samples[label])));
        }
    }

    static string Row(string label, Measured d, Measured g) => string.Create(CultureInfo.InvariantCulture,
        $"{label,5} | {Pct(d.LatenciesMs, .5),7:0.000} / {Pct(d.LatenciesMs, .99),7:0.000} | {Pct(g.LatenciesMs, .5),7:0.000} / {Pct(g.LatenciesMs, .99),7:0.000} | "
        + $"{Pct(g.LatenciesMs, .5) - Pct(d.LatenciesMs, .5),6:0.000} / {Pct(g.LatenciesMs, .99) - Pct(d.LatenciesMs, .99),7:0.000} | {d.Rps,10:0} | {g.Rps,11:0} | {g.Rps / d.Rps,5:P0} | "
        + $"{d.ClientCpu,4:0} + {d.SiloCpu,4:0} = {d.ClientCpu + d.SiloCpu,4:0} | {g.ClientCpu,4:0} + {g.SiloCpu,4:0} + {g.HostCpu,4:0} = {g.ClientCpu + g.SiloCpu + g.HostCpu,4:0} | {g.AllocKb,6:0.00}");
}
finally
{
    foreach (var h in hosts)
    {
        h.Kill(entireProcessTree: true);
        await h.WaitForExitAsync();
    }

    await Task.WhenAll(metadata.DisposeAsync(), tenant.DisposeAsync());
}

(string Url, Process Process) Start(Dictionary<string, string> env, string project, params string[] extra)
{
    var url = $"http://127.0.0.1:{FreePort.Next()}";
    var managementPort = FreePort.Next();
    managementOf[url] = $"http://127.0.0.1:{managementPort}";
    var dll = extra.FirstOrDefault(a => a.EndsWith(".dll", StringComparison.Ordinal)) ?? Path.Combine(root, "artifacts", "bin", project, configuration, project + ".dll");
    extra = extra.Where(a => a != dll).ToArray();
    var psi = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(dll)! };
    foreach (var a in new[] { dll, "--urls", $"{url};{managementOf[url]}", $"--Platform:ManagementPort={managementPort}" }.Concat(extra))
    {
        psi.ArgumentList.Add(a);
    }

    foreach (var (k, v) in env)
    {
        psi.Environment[k] = v;
    }

    var p = Process.Start(psi)!;
    p.OutputDataReceived += (_, _) => { };
    p.ErrorDataReceived += (_, _) => { };
    p.BeginOutputReadLine();
    p.BeginErrorReadLine();
    hosts.Add(p);
    return (url, p);
}

static async Task ReadyAsync(string url)
{
    using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
    for (var deadline = DateTime.UtcNow.AddSeconds(60); DateTime.UtcNow < deadline; await Task.Delay(200))
    {
        try
        {
            if ((await probe.GetAsync(new Uri(url + "/readyz"))).IsSuccessStatusCode)
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

internal sealed record Measured(double[] LatenciesMs, double Rps, double ClientCpu, double SiloCpu, double HostCpu, double AllocKb);

/// <summary>One slice of one path's run: totals, so slices add up into a <see cref="Measured"/>.</summary>
internal sealed record Sample(double[] LatenciesMs, double Seconds, double ClientCpuUs, double SiloCpuUs, double HostCpuUs, double AllocatedBytes)
{
    public static Measured Combine(IReadOnlyCollection<Sample> samples)
    {
        var latencies = samples.SelectMany(x => x.LatenciesMs).Order().ToArray();
        double PerRequest(Func<Sample, double> total) => samples.Sum(total) / latencies.Length;
        return new Measured(latencies, latencies.Length / samples.Sum(x => x.Seconds),
            PerRequest(x => x.ClientCpuUs), PerRequest(x => x.SiloCpuUs), PerRequest(x => x.HostCpuUs), PerRequest(x => x.AllocatedBytes) / 1024);
    }
}
