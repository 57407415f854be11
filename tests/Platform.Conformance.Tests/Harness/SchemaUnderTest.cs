using System.Net.Http.Headers;
using System.Text;
using Npgsql;
using Platform.Metadata.Keys;
using Platform.Metadata.Projects;
using Platform.Metadata.Security;
using Platform.Testing.Postgres;

namespace Platform.Conformance.Tests.Harness;

/// <summary>
/// One conformance schema, live: its tenant database, the platform project on it (reached through the gateway with
/// an anon key) and PostGraphile on the same database, both connecting as the schema's authenticator.
/// </summary>
public sealed class SchemaUnderTest : IAsyncDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(60) };

    private const string ResetSql = """
        SET session_replication_role = replica;
        DO $$
        DECLARE r record;
        BEGIN
          FOR r IN SELECT c.oid::regclass AS t FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                   WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_%' LOOP
            EXECUTE format('DELETE FROM %s', r.t);
          END LOOP;
          FOR r IN SELECT s.seqrelid::regclass AS s, s.seqstart FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid
                   JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') LOOP
            PERFORM setval(r.s, r.seqstart, false);
          END LOOP;
        END $$;
        SET session_replication_role = origin;
        """;

    private readonly TestDatabase tenant;
    private readonly PostGraphileServer postGraphile;
    private readonly string gatewayUrl;
    private readonly string anonKey;

    private SchemaUnderTest(ConformanceSchema schema, TestDatabase tenant, PostGraphileServer postGraphile, string gatewayUrl, string anonKey)
    {
        Schema = schema;
        this.tenant = tenant;
        this.postGraphile = postGraphile;
        this.gatewayUrl = gatewayUrl;
        this.anonKey = anonKey;
    }

    public ConformanceSchema Schema { get; }

    public static async Task<SchemaUnderTest> StartAsync(ConformancePlatform platform, ConformanceSchema schema)
    {
        var tenant = new TestDatabase();
        await tenant.InitializeAsync();
        await tenant.ExecuteAsync(schema.SchemaSql);
        if (schema.DataSql.Length > 0)
        {
            await tenant.ExecuteAsync(schema.DataSql);
        }

        var admin = new NpgsqlConnectionStringBuilder(tenant.ConnectionString);
        var asAuthenticator = new NpgsqlConnectionStringBuilder(tenant.ConnectionString) { Username = schema.Options.Authenticator, Password = schema.Options.Password };
        var url = $"postgres://{Uri.EscapeDataString(schema.Options.Authenticator)}:{Uri.EscapeDataString(schema.Options.Password)}@{admin.Host}:{admin.Port}/{admin.Database}";
        var postGraphile = await PostGraphileServer.StartAsync(url, schema.Settings);

        var protector = SecretProtector.FromBase64(platform.MasterKey);
        var projectId = await new ProjectStore(platform.Metadata.DataSource, protector).UpsertAsync("conformance-" + schema.Name, asAuthenticator.ConnectionString, schema.Settings);
        var key = await new ApiKeyStore(platform.Metadata.DataSource).IssueAsync(projectId, ApiKeyRole.Anon);
        return new SchemaUnderTest(schema, tenant, postGraphile, platform.Gateway.Url + "/graphql", key.Key);
    }

    public Task ResetRowsAsync() => tenant.ExecuteAsync(ResetSql + "\n" + Schema.DataSql);

    public Task<ServerAnswer> PostGraphileAsync(string body, string? jwt) => PostAsync("postgraphile", postGraphile.Url, body, jwt, null);

    public Task<ServerAnswer> PlatformAsync(string body, string? jwt) => PostAsync("platform", gatewayUrl, body, jwt, anonKey);

    /// <summary>Runs the document on both servers, each from the same rows when it changes any.</summary>
    public async Task<(ServerAnswer Reference, ServerAnswer Platform)> RunAsync(ConformanceDocument document)
    {
        var jwt = document.Claims is null ? null : HsJwt.Sign(document.Claims, Schema.Settings.Jwt?.Secret ?? throw new InvalidOperationException(document + " has claims but the schema has no JWT secret"), Schema.Settings.Jwt.Audience);
        var body = document.Body();
        if (document.IsMutation)
        {
            await ResetRowsAsync();
        }

        var reference = await PostGraphileAsync(body, jwt);
        if (document.IsMutation)
        {
            await ResetRowsAsync();
        }

        var platform = await PlatformAsync(body, jwt);
        if (document.IsMutation)
        {
            await ResetRowsAsync();
        }

        return (reference, platform);
    }

    public async ValueTask DisposeAsync()
    {
        await postGraphile.DisposeAsync();
        await tenant.DisposeAsync();
    }

    private static async Task<ServerAnswer> PostAsync(string server, string url, string body, string? jwt, string? apiKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (apiKey is not null)
        {
            request.Headers.Add("X-Api-Key", apiKey);
        }

        if (jwt is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", jwt);
        }

        using var response = await Http.SendAsync(request);
        return new ServerAnswer(server, (int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
