using System.Diagnostics;
using Npgsql;
using Platform.Testing.Hosting;

namespace Platform.Testing.Postgres;

/// <summary>
/// A private cluster managed by scripts/postgres.sh (Debian postgresql-common). Used when no Docker engine answers,
/// and by tests that must stop and start a server of their own without disturbing the shared one.
/// </summary>
public sealed class LocalCluster : IAsyncDisposable
{
    private LocalCluster(string name, int port, string adminConnectionString)
    {
        Name = name;
        Port = port;
        AdminConnectionString = adminConnectionString;
    }

    public string Name { get; }

    public int Port { get; }

    public string AdminConnectionString { get; }

    /// <summary>Starts (creating if needed) a cluster and returns a superuser connection string for it.</summary>
    public static async Task<string> EnsureAsync(string name, int port)
    {
        const string role = "platform_test";
        var password = "pw_" + name;
        await RunScriptAsync($"up {name} {port} {role} {password}", ephemeral: true);
        var cs = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = role,
            Password = password,
            Database = "postgres",
        }.ConnectionString;
        await PostgresServer.WaitUntilReachableAsync(cs, TimeSpan.FromSeconds(30));
        return cs;
    }

    /// <summary>A throwaway cluster of its own, dropped on dispose.</summary>
    public static async Task<LocalCluster> CreateOwnAsync(string prefix)
    {
        var port = FreePort.Next();
        var name = $"{prefix}_{port}";
        var cs = await EnsureAsync(name, port);
        return new LocalCluster(name, port, cs);
    }

    public Task StopAsync() => RunScriptAsync($"down {Name}", ephemeral: true);

    public async Task StartAsync()
    {
        await RunScriptAsync($"up {Name} {Port}", ephemeral: true);
        await PostgresServer.WaitUntilReachableAsync(AdminConnectionString, TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync() => await RunScriptAsync($"drop {Name}", ephemeral: true);

    private static async Task RunScriptAsync(string args, bool ephemeral)
    {
        var script = Path.Combine(RepositoryRoot.Path, "scripts", "postgres.sh");
        // flock: several test assemblies may start at once and pg_createcluster is not safe to race. -o keeps the
        // lock out of the server the script starts, which would otherwise hold it for as long as it runs.
        var psi = new ProcessStartInfo("flock", $"-o /tmp/platform-postgres.lock bash {script} {args}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.Environment["PG_EPHEMERAL"] = ephemeral ? "1" : "0";
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("could not start scripts/postgres.sh");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await p.WaitForExitAsync(cts.Token);
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/postgres.sh {args} failed ({p.ExitCode}): {await stdout}{await stderr}");
        }
    }
}
