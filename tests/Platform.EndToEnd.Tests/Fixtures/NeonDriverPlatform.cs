using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Platform.Metadata.Projects;
using Platform.Testing.Hosting;
using Platform.Testing.Postgres;
using Xunit;

namespace Platform.EndToEnd.Tests.Fixtures;

/// <summary>
/// A gateway with a wildcard host and one silo, a tenant database with row-level security, a project that allows
/// end-user tokens on /sql and runs service keys as its owner role, and one run of the real Neon driver against it
/// (tests/Platform.EndToEnd.Tests/Neon/cases.mjs), whose outcomes the tests read.
/// </summary>
public sealed class NeonDriverPlatform : IAsyncLifetime
{
    public const string WildcardHost = "db.localtest.me";
    public const string Secret = "neon-driver-test-secret-long-enough-for-hs256";
    private const string Audience = "neon-tests";

    public TestDatabase Metadata { get; } = new();

    public TestDatabase Tenant { get; } = new();

    public PlatformHosts Hosts { get; private set; } = null!;

    public TestProject Project { get; private set; } = null!;

    /// <summary>Each case's outcome: <c>{"ok": value}</c> or <c>{"error": {...}}</c>, plus <c>requestedUrls</c>.</summary>
    public JsonElement Driver { get; private set; }

    public string GatewayUrl => Hosts.Gateway.Url;

    public static string Token(Dictionary<string, object> claims, string secret = Secret) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            Audience = Audience,
            Expires = DateTime.UtcNow.AddMinutes(10),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)), SecurityAlgorithms.HmacSha256),
        });

    public async Task InitializeAsync()
    {
        await Task.WhenAll(Metadata.InitializeAsync(), Tenant.InitializeAsync());
        await Tenant.ExecuteAsync("""
            DO $$ BEGIN
              IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'neon_owner') THEN CREATE ROLE neon_owner NOLOGIN; END IF;
              IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'neon_anon') THEN CREATE ROLE neon_anon NOLOGIN; END IF;
              IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'neon_user') THEN CREATE ROLE neon_user NOLOGIN; END IF;
            END $$;
            CREATE TABLE public.notes (id int PRIMARY KEY, owner int NOT NULL, body varchar(20) NOT NULL, public boolean NOT NULL DEFAULT false);
            ALTER TABLE public.notes ENABLE ROW LEVEL SECURITY;
            CREATE POLICY owner_all ON public.notes TO neon_owner USING (true);
            CREATE POLICY own ON public.notes FOR SELECT TO neon_user
              USING (public OR owner = nullif(current_setting('jwt.claims.user_id', true), '')::int);
            CREATE TABLE public.counters (id serial PRIMARY KEY, n int NOT NULL);
            GRANT USAGE ON SCHEMA public TO neon_owner, neon_user, neon_anon;
            GRANT ALL ON public.notes, public.counters TO neon_owner;
            GRANT USAGE ON SEQUENCE public.counters_id_seq TO neon_owner;
            GRANT SELECT ON public.notes TO neon_user;
            INSERT INTO public.notes (id, owner, body, public) VALUES (1, 1, 'a-private', false), (2, 2, 'b-private', false), (3, 1, 'everyone', true);
            """);
        Hosts = await PlatformHosts.StartAsync(Metadata, 1, new Dictionary<string, string> { ["Platform__Gateway__WildcardHost"] = WildcardHost });
        Project = await Hosts.CreateProjectAsync(Tenant.ConnectionString, new ProjectSettings
        {
            OwnerRole = "neon_owner",
            AnonymousRole = "neon_anon",
            AllowedRoles = ["neon_anon", "neon_user"],
            Jwt = new JwtSettings { Secret = Secret, Algorithm = "HS256", Audience = Audience },
            Sql = new ProjectSqlSettings { AllowEndUserTokens = true },
        });
        Driver = JsonDocument.Parse(await RunDriverAsync()).RootElement.Clone();
    }

    public async Task DisposeAsync()
    {
        if (Hosts is not null)
        {
            await Hosts.DisposeAsync();
        }

        await Task.WhenAll(Metadata.DisposeAsync(), Tenant.DisposeAsync());
    }

    private async Task<string> RunDriverAsync()
    {
        var folder = Path.Combine(RepositoryRoot.Path, "tests", "Platform.EndToEnd.Tests", "Neon");
        if (!File.Exists(Path.Combine(folder, "node_modules", "@neondatabase", "serverless", "package.json")))
        {
            await RunAsync(folder, "npm", "ci --no-audit --no-fund", new Dictionary<string, string>());
        }

        return await RunAsync(folder, "node", "cases.mjs", new Dictionary<string, string>
        {
            ["GATEWAY_URL"] = GatewayUrl,
            ["PROJECT_ID"] = Project.Id.ToString(),
            ["WILDCARD_HOST"] = WildcardHost,
            ["SERVICE_KEY"] = Project.ServiceKey.Key,
            ["ANON_KEY"] = Project.AnonKey.Key,
            ["USER_TOKEN_1"] = Token(new() { ["role"] = "neon_user", ["user_id"] = 1 }),
            ["USER_TOKEN_2"] = Token(new() { ["role"] = "neon_user", ["user_id"] = 2 }),
            ["BAD_TOKEN"] = Token(new() { ["role"] = "neon_user", ["user_id"] = 1 }, "another-secret-that-is-long-enough-for-hs256"),
        });
    }

    private static async Task<string> RunAsync(string folder, string program, string args, Dictionary<string, string> environment)
    {
        var psi = new ProcessStartInfo(program, args) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (k, v) in environment)
        {
            psi.Environment[k] = v;
        }

        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await p.WaitForExitAsync(timeout.Token);
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {args} failed ({p.ExitCode}): {await stderr}");
        }

        return await stdout;
    }
}
