#:project ../../tests/Platform.Testing/Platform.Testing.csproj
#:project ../../control-plane/Platform.Metadata/Platform.Metadata.csproj
#:project ../../common/Platform.ServiceDefaults/Platform.ServiceDefaults.csproj
#:property PublishAot=false

// Gateway benchmark (not a test): the same GraphQL query straight to a silo (signed, as the gateway signs) and through
// the gateway, at concurrency 1, 16 and 64, in one run; prints the added p50/p99 latency, the throughput ratio and the
// gateway process's CPU time and allocated bytes per request (at concurrency 1 the CPU is mostly its background work
// spread over few requests).
// It starts its own silo and gateway processes on 127.0.0.1 from the Release build output (as run.sh builds it) and
// uses the tests' throwaway-database fixture, so set PLATFORM_TEST_DATABASE_URL. From the checkout root:
//   dotnet build Platform.sln -c Release && dotnet run bench/gateway/bench.cs [seconds-per-run]
// To compare a change under the same load, copy the gateway's Release output from before it somewhere and set
// BENCH_BASELINE_GATEWAY to that folder: a second gateway starts from it, and each row also shows the baseline.
using System.Diagnostics;
using System.Globalization;
using System.Text;
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

var seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 5.0;
const string Body = """{"query":"{ __typename }"}""";
var metadata = new TestDatabase();
var tenant = new TestDatabase();
await Task.WhenAll(metadata.InitializeAsync(), tenant.InitializeAsync());
var hosts = new List<Process>();
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
        // The benchmark measures forwarding, not the per-project limits.
        ["Platform__Gateway__Limits__RequestsPerSecond"] = "1000000",
        ["Platform__Gateway__Limits__Burst"] = "1000000",
        ["Platform__Gateway__Limits__MaxConcurrentRequests"] = "10000",
    };
    var silo = Start(env, "Platform.DataPlane.Silo", $"--Platform:Silo:Port={FreePort.Next()}", $"--Platform:Silo:GatewayPort={FreePort.Next()}");
    var gateway = Start(env, "Platform.Gateway");
    var baselineDir = Environment.GetEnvironmentVariable("BENCH_BASELINE_GATEWAY");
    var baseline = baselineDir is { Length: > 0 } ? Start(env, "Platform.Gateway", Path.Combine(baselineDir, "Platform.Gateway.dll")) : default;
    await ReadyAsync(silo.Url);
    await ReadyAsync(gateway.Url);
    if (baseline.Url is not null)
    {
        await ReadyAsync(baseline.Url);
    }

    var projectId = await new ProjectStore(metadata.DataSource, SecretProtector.FromBase64(masterKey)).UpsertAsync("bench", tenant.ConnectionString, new ProjectSettings());
    var key = (await new ApiKeyStore(metadata.DataSource).IssueAsync(projectId, ApiKeyRole.Anon)).Key;
    var signer = new InternalRequestSigner(secret);
    var siloPath = $"/internal/projects/{projectId}/graphql";
    using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, UseProxy = false });

    HttpRequestMessage Direct()
    {
        var r = new HttpRequestMessage(HttpMethod.Post, silo.Url + siloPath) { Content = new StringContent(Body, Encoding.UTF8, "application/json") };
        var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        r.Headers.Add(InternalHeaders.ProjectId, projectId.ToString());
        r.Headers.Add(InternalHeaders.KeyRole, "anon");
        r.Headers.Add(InternalHeaders.Timestamp, ts.ToString(CultureInfo.InvariantCulture));
        r.Headers.Add(InternalHeaders.Signature, signer.Sign(projectId.ToString(), "anon", ts, "POST", siloPath));
        return r;
    }

    HttpRequestMessage ViaGateway() => Through(gateway.Url);

    HttpRequestMessage ViaBaseline() => Through(baseline.Url!);

    HttpRequestMessage Through(string url)
    {
        var r = new HttpRequestMessage(HttpMethod.Post, url + "/graphql") { Content = new StringContent(Body, Encoding.UTF8, "application/json") };
        r.Headers.Add("X-Api-Key", key);
        return r;
    }

    async Task<(double[] LatenciesMs, double Rps)> RunAsync(Func<HttpRequestMessage> make, int concurrency, double duration)
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
        return (latencies, latencies.Length / watch.Elapsed.TotalSeconds);
    }

    static double Pct(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    // Warm both paths (grain activation, plan cache, JIT, connection pools) before timing.
    await RunAsync(Direct, 16, 1);
    await RunAsync(ViaGateway, 16, 1);
    if (baseline.Url is not null)
    {
        await RunAsync(ViaBaseline, 16, 1);
    }

    Console.WriteLine($"query {{ __typename }}, {seconds} s per run, 1 silo + 1 gateway on 127.0.0.1, {Environment.ProcessorCount} cores");
    Console.WriteLine("conc | direct p50/p99 ms | gateway p50/p99 ms | added p50/p99 ms | direct rps | gateway rps | ratio | gw cpu us/req | gw alloc KB/req");
    // CPU time and bytes allocated by the gateway process per request: much less sensitive than latency to a busy,
    // shared machine. Bytes come from the runtime meter on the gateway's /metrics (NaN for a build without it).
    async Task<((double[] LatenciesMs, double Rps) Run, double CpuUs, double AllocKb)> MeasuredAsync(Func<HttpRequestMessage> make, (string Url, Process Process) host, int concurrency)
    {
        var allocatedBefore = await AllocatedAsync(host.Url);
        host.Process.Refresh();
        var before = host.Process.TotalProcessorTime;
        var run = await RunAsync(make, concurrency, seconds);
        host.Process.Refresh();
        var cpu = (host.Process.TotalProcessorTime - before).TotalMicroseconds / run.LatenciesMs.Length;
        return (run, cpu, (await AllocatedAsync(host.Url) - allocatedBefore) / 1024 / run.LatenciesMs.Length);
    }

    async Task<double> AllocatedAsync(string url)
    {
        var text = await http.GetStringAsync(url + "/metrics");
        var line = text.Split('\n').FirstOrDefault(l => l.StartsWith("dotnet_gc_heap_total_allocated_bytes_total", StringComparison.Ordinal));
        return line is null ? double.NaN : double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
    }

    foreach (var c in new[] { 1, 16, 64 })
    {
        var d = await RunAsync(Direct, c, seconds);
        var (g, gCpu, gKb) = await MeasuredAsync(ViaGateway, gateway, c);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{c,4} | {Pct(d.LatenciesMs, .5),7:0.000} / {Pct(d.LatenciesMs, .99),7:0.000} | {Pct(g.LatenciesMs, .5),7:0.000} / {Pct(g.LatenciesMs, .99),7:0.000} | "
            + $"{Pct(g.LatenciesMs, .5) - Pct(d.LatenciesMs, .5),6:0.000} / {Pct(g.LatenciesMs, .99) - Pct(d.LatenciesMs, .99),7:0.000} | {d.Rps,10:0} | {g.Rps,11:0} | {g.Rps / d.Rps,5:P0} | {gCpu,12:0} | {gKb,15:0.00}"));
        if (baseline.Url is not null)
        {
            // Right after the same direct run, so both gateways are compared with the same direct numbers.
            var (b, bCpu, bKb) = await MeasuredAsync(ViaBaseline, baseline, c);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"base | {"",17} | {Pct(b.LatenciesMs, .5),7:0.000} / {Pct(b.LatenciesMs, .99),7:0.000} | "
                + $"{Pct(b.LatenciesMs, .5) - Pct(d.LatenciesMs, .5),6:0.000} / {Pct(b.LatenciesMs, .99) - Pct(d.LatenciesMs, .99),7:0.000} | {"",10} | {b.Rps,11:0} | {b.Rps / d.Rps,5:P0} | {bCpu,12:0} | {bKb,15:0.00}"));
        }
    }
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
    var dll = extra.FirstOrDefault(a => a.EndsWith(".dll", StringComparison.Ordinal)) ?? Path.Combine(root, "artifacts", "bin", project, configuration, project + ".dll");
    extra = extra.Where(a => a != dll).ToArray();
    var psi = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(dll)! };
    foreach (var a in new[] { dll, "--urls", url }.Concat(extra))
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
