using System.Collections.Concurrent;
using Platform.Metadata;
using Platform.Metadata.Security;
using Platform.Testing.Hosting;
using Platform.Testing.Postgres;
using Xunit;

namespace Platform.Conformance.Tests.Harness;

/// <summary>
/// The platform as apps reach it (one silo and one gateway, started from their build output as run.sh starts them),
/// shared by the whole suite; each conformance schema is set up on first use with its own tenant database, project
/// and PostGraphile process, so PostGraphile starts once per schema.
/// </summary>
public sealed class ConformancePlatform : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, Lazy<Task<SchemaUnderTest>>> schemas = new();
    private readonly List<HostProcess> hosts = [];

    public TestDatabase Metadata { get; } = new();

    public string MasterKey { get; } = SecretProtector.NewMasterKey();

    public HostProcess Gateway { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Task.WhenAll(Metadata.InitializeAsync(), NodeTools.EnsureInstalledAsync());
        await MetadataMigrator.MigrateAsync(Metadata.ConnectionString);
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Metadata"] = Metadata.ConnectionString,
            ["Platform__MasterKey"] = MasterKey,
            ["Platform__InternalSecret"] = "internal-" + Guid.NewGuid().ToString("N"),
        };
        var silo = Track(HostProcess.Start("Platform.DataPlane.Silo", FreePort.Next(), environment, $"--Platform:Silo:Port={FreePort.Next()}", $"--Platform:Silo:GatewayPort={FreePort.Next()}"));
        Gateway = Track(HostProcess.Start("Platform.Gateway", FreePort.Next(), environment));
        await silo.WaitReadyAsync();
        await Gateway.WaitReadyAsync();
    }

    public Task<SchemaUnderTest> SchemaAsync(string name) =>
        schemas.GetOrAdd(name, n => new Lazy<Task<SchemaUnderTest>>(() => SchemaUnderTest.StartAsync(this, ConformanceSchema.Named(n)))).Value;

    public async Task DisposeAsync()
    {
        foreach (var entry in schemas.Values.Where(l => l.IsValueCreated))
        {
            try
            {
                await (await entry.Value).DisposeAsync();
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException or Npgsql.NpgsqlException)
            {
                // A schema that failed to start has nothing to stop; its tests already reported why.
            }
        }

        foreach (var h in hosts)
        {
            await h.DisposeAsync();
        }

        await Metadata.DisposeAsync();
    }

    private HostProcess Track(HostProcess h)
    {
        hosts.Add(h);
        return h;
    }
}
