using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Npgsql;
using Platform.Metadata;
using Platform.Metadata.Keys;
using Platform.Metadata.Projects;
using Platform.Metadata.Security;
using Platform.ServiceDefaults.InternalAuth;
using Platform.Testing.Hosting;
using Platform.Testing.Postgres;

namespace Platform.Bench;

/// <summary>
/// A metadata database, one silo process and signed HTTP access to it, on the PostgreSQL server the tests use
/// (PLATFORM_TEST_DATABASE_URL, Docker, or the private platform_test cluster).
/// </summary>
public sealed class BenchEnvironment : IAsyncDisposable
{
    private readonly InternalRequestSigner signer;
    private readonly Dictionary<string, string> environment;

    private BenchEnvironment(TestDatabase metadata, HostProcess silo, string masterKey, string secret, Dictionary<string, string> environment)
    {
        this.environment = environment;
        Metadata = metadata;
        Silo = silo;
        MasterKey = masterKey;
        signer = new InternalRequestSigner(secret);
        Http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, UseProxy = false }) { Timeout = TimeSpan.FromSeconds(60) };
    }

    public TestDatabase Metadata { get; }

    public HostProcess Silo { get; }

    /// <summary>A gateway in front of the silo, once <see cref="StartGatewayAsync"/> started one.</summary>
    public HostProcess? Gateway { get; private set; }

    public string MasterKey { get; }

    public HttpClient Http { get; }

    public static async Task<BenchEnvironment> StartAsync(IReadOnlyDictionary<string, string>? siloEnvironment = null)
    {
        var metadata = new TestDatabase();
        await metadata.InitializeAsync();
        await MetadataMigrator.MigrateAsync(metadata.ConnectionString);
        var masterKey = SecretProtector.NewMasterKey();
        var secret = "bench-" + Guid.NewGuid().ToString("N");
        var env = new Dictionary<string, string>
        {
            ["ConnectionStrings__Metadata"] = metadata.ConnectionString,
            ["Platform__MasterKey"] = masterKey,
            ["Platform__InternalSecret"] = secret,
            ["Logging__LogLevel__Default"] = "Warning",
            // The bench's tenant is a throwaway database reached as the test cluster's superuser.
            ["Platform__Silo__Projects__AllowPrivilegedTenantLogins"] = "true",
        };
        foreach (var (k, v) in siloEnvironment ?? new Dictionary<string, string>())
        {
            env[k] = v;
        }

        var silo = HostProcess.Start("Platform.DataPlane.Silo", FreePort.Next(), env,
            $"--Platform:Silo:Port={FreePort.Next()}", $"--Platform:Silo:GatewayPort={FreePort.Next()}");
        await silo.WaitReadyAsync();
        return new BenchEnvironment(metadata, silo, masterKey, secret, env);
    }

    /// <summary>Starts a gateway on the same metadata and secrets as the silo (it finds the silo through the membership table).</summary>
    public async Task<HostProcess> StartGatewayAsync()
    {
        Gateway = HostProcess.Start("Platform.Gateway", FreePort.Next(), environment);
        await Gateway.WaitReadyAsync();
        return Gateway;
    }

    public async Task<Guid> CreateProjectAsync(string tenantConnectionString, ProjectSettings? settings = null)
    {
        var store = new ProjectStore(Metadata.DataSource, SecretProtector.FromBase64(MasterKey));
        var id = await store.UpsertAsync("bench-" + Guid.NewGuid().ToString("N")[..10], tenantConnectionString, settings ?? new ProjectSettings());
        await new ApiKeyStore(Metadata.DataSource).IssueAsync(id, ApiKeyRole.Service);
        return id;
    }

    /// <summary>POSTs a body to the silo's internal surface, signed as the gateway signs it; returns status and body.</summary>
    public Task<(int Status, string Body)> PostAsync(Guid project, string surface, string json, IReadOnlyDictionary<string, string>? headers = null) =>
        SendAsync(HttpMethod.Post, project, surface, new StringContent(json, Encoding.UTF8, "application/json"), headers);

    /// <summary>GETs a signed internal endpoint (e.g. status) of a project on the silo.</summary>
    public Task<(int Status, string Body)> GetAsync(Guid project, string surface) => SendAsync(HttpMethod.Get, project, surface, null);

    private async Task<(int Status, string Body)> SendAsync(HttpMethod method, Guid project, string surface, HttpContent? content, IReadOnlyDictionary<string, string>? headers = null)
    {
        var path = $"/internal/projects/{project}/{surface}";
        using var request = new HttpRequestMessage(method, Silo.Url + path) { Content = content };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var body = content is null ? [] : await content.ReadAsByteArrayAsync();
        var authorization = headers is not null && headers.TryGetValue("Authorization", out var auth) ? auth : "";
        foreach (var (name, value) in signer.Headers(project.ToString(), "service", method.Method, path, "", authorization, body, DateTimeOffset.UtcNow))
        {
            request.Headers.Add(name, value);
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.Add(name, value);
        }
        using var response = await Http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Resident memory of the silo process, from /proc.</summary>
    public long SiloRssBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{Silo.ProcessId}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
            }
        }

        return 0;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (Gateway is not null)
        {
            await Gateway.DisposeAsync();
        }

        await Silo.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await Metadata.DisposeAsync();
    }
}
