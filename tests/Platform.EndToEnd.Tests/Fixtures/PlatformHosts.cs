using Npgsql;
using Platform.Metadata;
using Platform.Metadata.Keys;
using Platform.Metadata.Projects;
using Platform.Metadata.Security;
using Platform.Testing.Hosting;
using Platform.Testing.Postgres;

namespace Platform.EndToEnd.Tests.Fixtures;

/// <summary>
/// A small platform made of real processes: a metadata database, a tenant database, N silos and one gateway,
/// each host started from its build output exactly as run.sh starts it.
/// </summary>
public sealed class PlatformHosts : IAsyncDisposable
{
    private readonly List<HostProcess> hosts = [];

    private readonly IReadOnlyDictionary<string, string> extraEnvironment;

    private PlatformHosts(TestDatabase metadata, string masterKey, string internalSecret, IReadOnlyDictionary<string, string>? extra)
    {
        extraEnvironment = extra ?? new Dictionary<string, string>();
        Metadata = metadata;
        MasterKey = masterKey;
        InternalSecret = internalSecret;
    }

    public TestDatabase Metadata { get; }

    public string MasterKey { get; }

    public string InternalSecret { get; }

    public List<HostProcess> Silos { get; } = [];

    public HostProcess Gateway { get; private set; } = null!;

    /// <summary>Every gateway started; <see cref="Gateway"/> is the first.</summary>
    public List<HostProcess> Gateways { get; } = [];

    public NpgsqlDataSource MetadataSource => Metadata.DataSource;

    public static async Task<PlatformHosts> StartAsync(TestDatabase metadata, int silos, IReadOnlyDictionary<string, string>? environment = null, int gateways = 1)
    {
        var p = new PlatformHosts(metadata, SecretProtector.NewMasterKey(), "internal-" + Guid.NewGuid().ToString("N"), environment);
        await MetadataMigrator.MigrateAsync(metadata.ConnectionString);
        for (var i = 0; i < silos; i++)
        {
            p.Silos.Add(p.StartSilo());
        }

        for (var i = 0; i < gateways; i++)
        {
            p.Gateways.Add(p.Track(HostProcess.Start("Platform.Gateway", FreePort.Next(), p.Environment())));
        }

        p.Gateway = p.Gateways[0];
        foreach (var s in p.Silos)
        {
            await s.WaitReadyAsync();
        }

        foreach (var g in p.Gateways)
        {
            await g.WaitReadyAsync();
        }
        return p;
    }

    public HostProcess StartSilo() => Track(HostProcess.Start(
        "Platform.DataPlane.Silo",
        FreePort.Next(),
        Environment(),
        $"--Platform:Silo:Port={FreePort.Next()}",
        $"--Platform:Silo:GatewayPort={FreePort.Next()}"));

    public HostProcess StartControlPlane() => Track(HostProcess.Start("Platform.ControlPlane", FreePort.Next(), Environment()));

    public Dictionary<string, string> Environment()
    {
        var env = BaseEnvironment();
        foreach (var (k, v) in extraEnvironment)
        {
            env[k] = v;
        }

        return env;
    }

    private Dictionary<string, string> BaseEnvironment() => new()
    {
        ["ConnectionStrings__Metadata"] = Metadata.ConnectionString,
        ["Platform__MasterKey"] = MasterKey,
        ["Platform__InternalSecret"] = InternalSecret,
        // Tests want a lost silo voted dead in seconds, yet probes must survive a CPU-starved CI machine;
        // production keeps Orleans' defaults.
        ["Platform__Silo__Membership__ProbeTimeout"] = "00:00:02",
        ["Platform__Silo__Membership__NumMissedProbesLimit"] = "3",
        ["Platform__Silo__Membership__TableRefreshTimeout"] = "00:00:01",
        ["Platform__Silo__Membership__IAmAliveTablePublishTimeout"] = "00:00:02",
        // Test tenants are throwaway databases reached as the test cluster's superuser; the attack suite turns the
        // tenant login check back on (TenantLoginAttackTests).
        ["Platform__Silo__Projects__AllowPrivilegedTenantLogins"] = "true",
    };

    /// <summary>Registers a project on the given tenant database and returns it with one key of each role.</summary>
    /// <remarks>
    /// Without an anonymousRole the anon key is refused (decision 0086); tests that do not choose one get the
    /// connection's own role, the explicit way to serve anon keys as the owner.
    /// </remarks>
    public async Task<TestProject> CreateProjectAsync(string tenantConnectionString, ProjectSettings? settings = null, string? name = null)
    {
        settings ??= new ProjectSettings();
        if (settings.AnonymousRole is null)
        {
            settings = settings with { AnonymousRole = new NpgsqlConnectionStringBuilder(tenantConnectionString).Username };
        }

        var id = await Projects.UpsertAsync(name ?? "p-" + Guid.NewGuid().ToString("N")[..8], tenantConnectionString, settings);
        var keys = new ApiKeyStore(MetadataSource);
        var anon = await keys.IssueAsync(id, ApiKeyRole.Anon);
        var service = await keys.IssueAsync(id, ApiKeyRole.Service);
        return new TestProject(id, anon, service);
    }

    /// <summary>The project records as the control plane writes them (same master key as the hosts).</summary>
    public ProjectStore Projects => new(MetadataSource, SecretProtector.FromBase64(MasterKey));

    public async ValueTask DisposeAsync()
    {
        foreach (var h in hosts)
        {
            await h.DisposeAsync();
        }
    }

    private HostProcess Track(HostProcess h)
    {
        hosts.Add(h);
        return h;
    }
}
