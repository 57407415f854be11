using System.Diagnostics;
using Npgsql;
using Testcontainers.PostgreSql;

namespace Platform.Testing.Postgres;

/// <summary>
/// The PostgreSQL server that tests run against, chosen once per test process:
/// PLATFORM_TEST_DATABASE_URL when set, else a Testcontainers container when a Docker engine answers,
/// else the private local cluster that scripts/postgres.sh starts. There is no skip: a missing server fails the test.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static PostgresServer? shared;

    private readonly PostgreSqlContainer? container;

    private PostgresServer(string adminConnectionString, string origin, PostgreSqlContainer? container)
    {
        AdminConnectionString = adminConnectionString;
        Origin = origin;
        this.container = container;
    }

    /// <summary>A superuser connection string to the server's maintenance database.</summary>
    public string AdminConnectionString { get; }

    /// <summary>Where the server came from (env, docker, local), for test output.</summary>
    public string Origin { get; }

    public static async Task<PostgresServer> GetSharedAsync()
    {
        if (shared is not null)
        {
            return shared;
        }

        await Gate.WaitAsync();
        try
        {
            shared ??= await StartAsync();
            return shared;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<PostgresServer> StartAsync()
    {
        var url = Environment.GetEnvironmentVariable("PLATFORM_TEST_DATABASE_URL");
        if (!string.IsNullOrWhiteSpace(url))
        {
            var cs = ConnectionStrings.Normalize(url);
            await WaitUntilReachableAsync(cs, TimeSpan.FromSeconds(30));
            return new PostgresServer(cs, "env", null);
        }

        if (DockerAvailable())
        {
            var c = new PostgreSqlBuilder("postgres:15").WithCommand("-c", "max_connections=300").Build();
            await c.StartAsync();
            return new PostgresServer(c.GetConnectionString(), "docker", c);
        }

        var local = await LocalCluster.EnsureAsync("platform_test", 55433);
        return new PostgresServer(local, "local", null);
    }

    private static bool DockerAvailable()
    {
        try
        {
            // Build() throws at once without an engine; decide before building (see shared/deps.md).
            return (File.Exists("/var/run/docker.sock") || Environment.GetEnvironmentVariable("DOCKER_HOST") is not null)
                && DockerInfoSucceeds();
        }
        catch (Exception)
        {
            return false;
        }
    }

    private static bool DockerInfoSucceeds()
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo("docker", "info --format {{.ServerVersion}}")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (p is null)
            {
                return false;
            }

            if (!p.WaitForExit(5000))
            {
                p.Kill();
                return false;
            }

            return p.ExitCode == 0;
        }
        catch (Exception)
        {
            return false;
        }
    }

    internal static async Task WaitUntilReachableAsync(string connectionString, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                await using var conn = new NpgsqlConnection(connectionString);
                await conn.OpenAsync();
                return;
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(250);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (container is not null)
        {
            await container.DisposeAsync();
        }
    }
}
