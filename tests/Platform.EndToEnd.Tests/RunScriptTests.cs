using System.Diagnostics;
using System.Text.Json;
using Npgsql;
using Platform.EndToEnd.Tests.Fixtures;
using Platform.Testing.Hosting;
using Platform.Testing.Postgres;
using Xunit;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// ./run.sh itself, as a newcomer runs it: it brings the platform up on the given databases, writes run.json,
/// the curl it prints works, a second run replaces the first, Ctrl-C stops every host it started, and the README's
/// register, authenticate, createGroup and nested query flow works against the meetup sample.
/// </summary>
public sealed class RunScriptTests : IAsyncLifetime
{
    private readonly TestDatabase metadata = new();
    private readonly TestDatabase demo = new();
    private readonly string state = Path.Combine(Path.GetTempPath(), "platform-run-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly List<Process> runs = [];
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> output = new();

    public async Task InitializeAsync()
    {
        await Task.WhenAll(metadata.InitializeAsync(), demo.InitializeAsync());
        await demo.ExecuteAsync(await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "samples", "demo", "schema.sql")));
    }

    public async Task DisposeAsync()
    {
        // Whatever a failed test left running goes first: a silo whose metadata database is dropped under it never
        // finishes leaving its cluster, so hosts outliving the test would run on until killed.
        foreach (var run in runs.Where(r => !r.HasExited))
        {
            run.Kill(entireProcessTree: true);
            await run.WaitForExitAsync();
        }

        var pids = Path.Combine(state, "run.pids");
        foreach (var line in File.Exists(pids) ? await File.ReadAllLinesAsync(pids) : [])
        {
            if (int.TryParse(line, out var pid))
            {
                try
                {
                    // The file also holds run.sh's own pid; only hosts (dotnet) are killed, never a reused pid of another program.
                    using var host = Process.GetProcessById(pid);
                    if (host.ProcessName == "dotnet")
                    {
                        host.Kill(entireProcessTree: true);
                    }
                }
                catch (ArgumentException)
                {
                    // Already gone.
                }
            }
        }

        await Task.WhenAll(metadata.DisposeAsync(), demo.DisposeAsync());
        if (Directory.Exists(state))
        {
            Directory.Delete(state, recursive: true);
        }
    }

    [Fact]
    public async Task Run_script_brings_up_the_platform_and_ctrl_c_stops_it()
    {
        var settings = Path.Combine(Path.GetTempPath(), "settings-" + Guid.NewGuid().ToString("N") + ".json");
        // The demo database is reached as the test cluster's login; the anon key runs as it on purpose (decision 0086).
        var login = new Npgsql.NpgsqlConnectionStringBuilder(demo.ConnectionString).Username;
        await File.WriteAllTextAsync(settings, $$"""{"exposedSchemas":["public"],"anonymousRole":"{{login}}","poolSize":3,"statementTimeoutSeconds":7}""");
        var ports = new { gateway = FreePort.Next(), cp = FreePort.Next(), portal = FreePort.Next(), silo = FreePort.Next() };

        var first = StartRun(ports.gateway, ports.cp, ports.portal, ports.silo, settings);
        var run = await WaitForRunJsonAsync(first, DateTime.MinValue);
        Assert.Equal($"http://127.0.0.1:{ports.gateway}", run.GetProperty("gatewayUrl").GetString());
        Assert.Equal($"http://127.0.0.1:{ports.cp}", run.GetProperty("controlPlaneUrl").GetString());
        Assert.Equal($"http://127.0.0.1:{ports.portal}", run.GetProperty("portalUrl").GetString());
        Assert.Equal(1, run.GetProperty("siloUrls").GetArrayLength());

        var (status, body, _) = await GatewayClient.GraphQLAsync(run.GetProperty("gatewayUrl").GetString()!, run.GetProperty("anonKey").GetString());
        Assert.Equal(200, status);
        Assert.Equal("""{"data":{"__typename":"Query"}}""", JsonSerializer.Serialize(body));
        Assert.Equal(200, (await GatewayClient.GraphQLAsync(run.GetProperty("gatewayUrl").GetString()!, run.GetProperty("serviceKey").GetString())).Status);

        // Metrics (labelled by project) and health answer on the gateway's management port only; the public one says 404.
        var management = run.GetProperty("gatewayManagementUrl").GetString()!;
        Assert.NotEqual(run.GetProperty("gatewayUrl").GetString(), management);
        using (var publicMetrics = await GatewayClient.Http.GetAsync(run.GetProperty("gatewayUrl").GetString() + "/metrics"))
        using (var managementMetrics = await GatewayClient.Http.GetAsync(management + "/metrics"))
        {
            Assert.Equal(404, (int)publicMetrics.StatusCode);
            Assert.Equal(200, (int)managementMetrics.StatusCode);
            Assert.Contains("platform_gateway_request_duration_seconds", await managementMetrics.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // The settings file reached the project record.
        await using (var cmd = metadata.DataSource.CreateCommand("SELECT pool_size, settings->>'statementTimeoutSeconds' FROM platform.projects WHERE id = $1"))
        {
            cmd.Parameters.AddWithValue(Guid.Parse(run.GetProperty("projectId").GetString()!));
            await using var reader = await cmd.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            Assert.Equal(3, reader.GetInt32(0));
            Assert.Equal("7", reader.GetString(1));
        }

        // A second run replaces the first: same project, fresh keys, the old keys revoked.
        var written = File.GetLastWriteTimeUtc(Path.Combine(state, "run.json"));
        var second = StartRun(ports.gateway, ports.cp, ports.portal, ports.silo, settings);
        var rerun = await WaitForRunJsonAsync(second, written);
        Assert.True(first.WaitForExit(30_000), "the first run should stop when the second takes over");
        Assert.Equal(run.GetProperty("projectId").GetString(), rerun.GetProperty("projectId").GetString());
        Assert.Equal(200, (await GatewayClient.GraphQLAsync(rerun.GetProperty("gatewayUrl").GetString()!, rerun.GetProperty("anonKey").GetString())).Status);
        Assert.Equal(401, (await GatewayClient.GraphQLAsync(rerun.GetProperty("gatewayUrl").GetString()!, run.GetProperty("anonKey").GetString())).Status);

        // Ctrl-C: every host goes away and the ports are free again. A test run started in the background by a
        // non-interactive shell inherits SIGINT as ignored, and a shell cannot trap a signal ignored at its start; there
        // Ctrl-C could never reach run.sh, so the test sends SIGTERM, which run.sh handles the same way.
        var signal = IgnoresSigint(second.Id) ? "-TERM" : "-INT";
        using (var interrupt = Process.Start("kill", [signal, second.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await interrupt.WaitForExitAsync();
        }

        Assert.True(second.WaitForExit(30_000), $"run.sh did not stop on kill {signal}");
        foreach (var port in new[] { ports.gateway, ports.cp, ports.portal, ports.silo })
        {
            await Until(() => PortIsFree(port), TimeSpan.FromSeconds(20));
        }
    }

    [Fact]
    public async Task Readme_flow_runs_against_the_meetup_demo()
    {
        await using var meetup = new TestDatabase();
        await meetup.InitializeAsync();
        await MeetupSample.ApplyAsync(meetup);
        var authenticator = await MeetupSample.AuthenticatorAsync(meetup);
        var ports = new { gateway = FreePort.Next(), cp = FreePort.Next(), portal = FreePort.Next(), silo = FreePort.Next() };
        var run = StartRun(ports.gateway, ports.cp, ports.portal, ports.silo, MeetupSample.SettingsFile, authenticator.ConnectionString);
        try
        {
            await WaitForRunJsonAsync(run, DateTime.MinValue);
            var output = await RunReadmeFlowAsync();
            Assert.Contains("""{"data":{"registerUser":{"user":{"username":"ada"}}}}""", output, StringComparison.Ordinal);
            Assert.Contains("""{"data":{"createGroup":{"group":{"name":"Ada Lovers","isPublic":false}}}}""", output, StringComparison.Ordinal);
            Assert.Contains("""{"data":{"currentUser":{"username":"ada"},"allGroups":{"nodes":[{"name":"Ada Lovers","eventsByGroupId":{"nodes":[]}},""", output, StringComparison.Ordinal);
            Assert.Contains("""{"title":"Row-level security in practice","attendancesByEventId":{"totalCount":0}}""", output, StringComparison.Ordinal);
        }
        finally
        {
            run.Kill(entireProcessTree: true);
            await run.WaitForExitAsync();
            await authenticator.DropAsync(meetup);
        }
    }

    [Fact]
    public async Task Load_scripts_pass_their_thresholds_against_the_meetup_demo()
    {
        // The k6 scripts' request logic, played at a small scale by loadtests/check/run.mjs against a real run.sh and
        // judged by the scripts' own thresholds, plus the project limits each declares against the demo's settings.
        await using var meetup = new TestDatabase();
        await meetup.InitializeAsync();
        await MeetupSample.ApplyAsync(meetup);
        // pool-limit.js counts every connection of the tenant's role in the database; the one this test kept idle
        // after applying the migrations is the same role, and is not the platform's.
        meetup.DataSource.Clear();
        var ports = new { gateway = FreePort.Next(), cp = FreePort.Next(), portal = FreePort.Next(), silo = FreePort.Next() };
        var run = StartRun(ports.gateway, ports.cp, ports.portal, ports.silo, MeetupSample.SettingsFile, meetup.ConnectionString);
        try
        {
            await WaitForRunJsonAsync(run, DateTime.MinValue);
            foreach (var script in new[] { "graphql-typename", "bad-keys" })
            {
                Assert.Contains("all judged thresholds passed", await StandInAsync(script), StringComparison.Ordinal);
            }

            // pool-limit's own census goes through the pool it floods, so in the stand-in's few seconds it rarely gets
            // a connection; here the census is taken from outside, every 100 ms while the script runs.
            using var stop = new CancellationTokenSource();
            var census = CountTenantConnectionsAsync(meetup, stop.Token);
            var pool = await StandInAsync("pool-limit", ("POOL_OBSERVE", "0"));
            await stop.CancelAsync();
            Assert.Contains("all judged thresholds passed", pool, StringComparison.Ordinal);
            var seen = await census;
            Assert.InRange(seen, 1, 10);

            // Four subscribers through the gateway to the silo, each acknowledged, served its first live result, and
            // closed by its own side after the hold, every VU ending well before its graceful stop.
            var sockets = await StandInAsync("websocket-subscriptions", ("SOCKETS", "4"), ("HOLD_SECONDS", "3"));
            Assert.Contains("all judged thresholds passed", sockets, StringComparison.Ordinal);
            Assert.Contains("metric ws_first_result (rate): n=4 sum=4", sockets, StringComparison.Ordinal);

            // The same script subscribing to a field the schema lacks fails its thresholds: the stand-in judges what
            // the sockets received, so a script that cannot pass against the platform fails here.
            var (exit, broken) = await RunStandInAsync("websocket-subscriptions", ("SOCKETS", "2"), ("HOLD_SECONDS", "1"), ("WS_QUERY", "subscription { noSuchField }"));
            Assert.True(exit == 1, $"a subscription the schema refuses passed under the stand-in:\n{broken}");
            Assert.Contains("threshold FAIL ws_first_result", broken, StringComparison.Ordinal);
            Assert.Contains("threshold FAIL ws_protocol_errors", broken, StringComparison.Ordinal);
        }
        finally
        {
            run.Kill(entireProcessTree: true);
            await run.WaitForExitAsync();
        }
    }

    /// <summary>The most server connections of the tenant's role seen at once, this census's own excepted.</summary>
    private static async Task<int> CountTenantConnectionsAsync(TestDatabase tenant, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(tenant.ConnectionString);
        await conn.OpenAsync(CancellationToken.None);
        await using var cmd = new NpgsqlCommand(
            "SELECT count(*)::int FROM pg_stat_activity WHERE datname = current_database() AND usename = current_user AND backend_type = 'client backend' AND pid <> pg_backend_pid()", conn);
        var most = 0;
        while (!ct.IsCancellationRequested)
        {
            most = Math.Max(most, (int)(await cmd.ExecuteScalarAsync(CancellationToken.None))!);
            await Task.Delay(100, CancellationToken.None);
        }

        return most;
    }

    private async Task<string> StandInAsync(string script, params (string Name, string Value)[] env)
    {
        var (exit, output) = await RunStandInAsync(script, env);
        Assert.True(exit == 0, $"{script}.js failed under the stand-in:\n{output}");
        return output;
    }

    private async Task<(int ExitCode, string Output)> RunStandInAsync(string script, params (string Name, string Value)[] env)
    {
        var psi = new ProcessStartInfo("node", [Path.Combine("loadtests", "check", "run.mjs"), Path.Combine("loadtests", script + ".js")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryRoot.Path,
        };
        psi.Environment["RUN_JSON"] = Path.Combine(state, "run.json");
        psi.Environment["STANDIN_SETTINGS"] = MeetupSample.SettingsFile;
        psi.Environment["STANDIN_SECONDS"] = "4";
        foreach (var (name, value) in env)
        {
            psi.Environment[name] = value;
        }

        using var node = Process.Start(psi)!;
        var stdout = node.StandardOutput.ReadToEndAsync();
        var stderr = node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync();
        return (node.ExitCode, await stdout + await stderr);
    }

    /// <summary>Runs README.md's readme-flow block with bash, as a reader pasting it would, and returns what it printed.</summary>
    private async Task<string> RunReadmeFlowAsync()
    {
        var readme = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "README.md"));
        var start = readme.IndexOf("```bash", readme.IndexOf("<!-- readme-flow", StringComparison.Ordinal), StringComparison.Ordinal) + "```bash".Length;
        var script = readme[start..readme.IndexOf("```", start, StringComparison.Ordinal)];
        var psi = new ProcessStartInfo("bash", ["-euo", "pipefail", "-c", script])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryRoot.Path,
        };
        psi.Environment["PLATFORM_STATE_DIR"] = state;
        using var bash = Process.Start(psi)!;
        var stdout = bash.StandardOutput.ReadToEndAsync();
        var stderr = bash.StandardError.ReadToEndAsync();
        await bash.WaitForExitAsync();
        Assert.True(bash.ExitCode == 0, $"README flow failed ({bash.ExitCode}): {await stderr}\n{await stdout}");
        // PostgreSQL's JSON has spaces around colons; the README shows each answer compacted.
        return string.Join('\n', (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonSerializer.Serialize(JsonDocument.Parse(line).RootElement)));
    }

    private Process StartRun(int gateway, int cp, int portal, int silo, string settings, string? demoDatabase = null)
    {
        var psi = new ProcessStartInfo("bash", [Path.Combine(RepositoryRoot.Path, "run.sh")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.Environment["PLATFORM_DATABASE_URL"] = metadata.ConnectionString;
        psi.Environment["PLATFORM_DEMO_DATABASE_URL"] = demoDatabase ?? demo.ConnectionString;
        psi.Environment["PLATFORM_DEMO_SETTINGS"] = settings;
        psi.Environment["PLATFORM_STATE_DIR"] = state;
        psi.Environment["PLATFORM_NO_BUILD"] = "1";
        // The demo databases here are reached as the test cluster's superuser, which the silo refuses by default.
        psi.Environment["Platform__Silo__Projects__AllowPrivilegedTenantLogins"] = "true";
        psi.Environment["Platform__ControlPlane__AllowPrivilegedTenantLogins"] = "true";
        psi.Environment["PLATFORM_CONFIGURATION"] = AppContext.BaseDirectory.Contains("/release/", StringComparison.OrdinalIgnoreCase) ? "Release" : "Debug";
        psi.Environment["PLATFORM_GATEWAY_PORT"] = gateway.ToString(System.Globalization.CultureInfo.InvariantCulture);
        psi.Environment["PLATFORM_GATEWAY_MANAGEMENT_PORT"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture);
        psi.Environment["PLATFORM_CONTROL_PLANE_PORT"] = cp.ToString(System.Globalization.CultureInfo.InvariantCulture);
        psi.Environment["PLATFORM_PORTAL_PORT"] = portal.ToString(System.Globalization.CultureInfo.InvariantCulture);
        psi.Environment["PLATFORM_SILO_BASE_PORT"] = silo.ToString(System.Globalization.CultureInfo.InvariantCulture);
        psi.Environment["PLATFORM_ORLEANS_BASE_PORT"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var p = Process.Start(psi)!;
        runs.Add(p);
        // Kept for the failure message: run.sh says which step failed, and the hosts' logs say why.
        p.OutputDataReceived += (_, e) => { if (e.Data is not null) { output.Enqueue(e.Data); } };
        p.ErrorDataReceived += (_, e) => { if (e.Data is not null) { output.Enqueue(e.Data); } };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return p;
    }

    private async Task<JsonElement> WaitForRunJsonAsync(Process run, DateTime newerThan)
    {
        var file = Path.Combine(state, "run.json");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(180);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(run.HasExited, $"run.sh exited with {(run.HasExited ? run.ExitCode : 0)}:\n{Diagnostics()}");
            if (File.Exists(file) && File.GetLastWriteTimeUtc(file) > newerThan)
            {
                return JsonDocument.Parse(await File.ReadAllTextAsync(file)).RootElement.Clone();
            }

            await Task.Delay(250);
        }

        throw new TimeoutException("run.sh did not write run.json in time:\n" + Diagnostics());
    }

    /// <summary>What run.sh printed and the last lines of each host's log.</summary>
    private string Diagnostics()
    {
        var text = new System.Text.StringBuilder(string.Join('\n', output.TakeLast(60)));
        var logs = Path.Combine(state, "logs");
        foreach (var log in Directory.Exists(logs) ? Directory.GetFiles(logs, "*.log") : [])
        {
            text.Append("\n--- ").Append(Path.GetFileName(log)).Append('\n');
            text.AppendJoin('\n', File.ReadLines(log).TakeLast(25));
        }

        return text.ToString();
    }

    private static bool PortIsFree(int port)
    {
        try
        {
            using var l = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
            l.Start();
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    private static async Task Until(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached in time");
            await Task.Delay(200);
        }
    }

    /// <summary>Whether the process ignores SIGINT (bit 2 of /proc/PID/status SigIgn, a hex mask of signals 1..64).</summary>
    private static bool IgnoresSigint(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        return line is not null && (Convert.ToUInt64(line["SigIgn:".Length..].Trim(), 16) & 0x2) != 0;
    }
}
