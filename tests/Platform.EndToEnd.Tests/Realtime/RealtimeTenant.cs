using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Platform.EndToEnd.Tests.Fixtures;
using Platform.Metadata.Projects;
using Platform.Testing.Postgres;

namespace Platform.EndToEnd.Tests.Realtime;

/// <summary>
/// A tenant database for subscription tests: items under row-level security (anonymous users see public items, a
/// user also their own), a counter without RLS, a trigger that notifies postgraphile:items with __node__ on insert.
/// </summary>
public static class RealtimeTenant
{
    public const string Secret = "a-realtime-test-secret-long-enough-for-hs256";

    public const string Schema = """
        DO $$ BEGIN
          IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'rt_anon') THEN CREATE ROLE rt_anon NOLOGIN; END IF;
          IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'rt_user') THEN CREATE ROLE rt_user NOLOGIN; END IF;
        END $$;
        CREATE TABLE public.items (id serial PRIMARY KEY, owner int NOT NULL, title text NOT NULL, public boolean NOT NULL DEFAULT false);
        ALTER TABLE public.items ENABLE ROW LEVEL SECURITY;
        GRANT SELECT ON public.items TO rt_anon, rt_user;
        CREATE POLICY anon_public ON public.items FOR SELECT TO rt_anon USING (public);
        CREATE POLICY own ON public.items FOR SELECT TO rt_user
          USING (public OR owner = nullif(current_setting('jwt.claims.user_id', true), '')::int);
        CREATE TABLE public.counters (id int PRIMARY KEY, value int NOT NULL);
        GRANT SELECT, UPDATE ON public.counters TO rt_anon, rt_user;
        INSERT INTO public.counters VALUES (1, 0), (2, 100), (3, 200), (4, 300);
        INSERT INTO public.items (owner, title, public) VALUES (1, 'one-private', false), (2, 'two-private', false), (1, 'shared', true);
        CREATE FUNCTION public.items_notify() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          PERFORM pg_notify('postgraphile:items', json_build_object('__node__', json_build_array('items', NEW.id))::text);
          RETURN NEW;
        END $$;
        CREATE TRIGGER items_notify AFTER INSERT ON public.items FOR EACH ROW EXECUTE FUNCTION public.items_notify();
        """;

    public static ProjectSettings Settings(int poolSize = 4, RealtimeSettings? realtime = null) => new()
    {
        AnonymousRole = "rt_anon",
        AllowedRoles = ["rt_anon", "rt_user"],
        Jwt = new JwtSettings { Secret = Secret, Algorithm = "HS256" },
        PoolSize = poolSize,
        Realtime = realtime ?? new RealtimeSettings { LiveQueryIntervalMilliseconds = 300 },
    };

    public static async Task<TestProject> CreateAsync(PlatformHosts hosts, TestDatabase tenant, int poolSize = 4, RealtimeSettings? realtime = null, string? extraSchema = null)
    {
        await tenant.ExecuteAsync(Schema + (extraSchema ?? ""));
        return await hosts.CreateProjectAsync(tenant.ConnectionString, Settings(poolSize, realtime));
    }

    public static string Token(int userId, TimeSpan? lifetime = null)
    {
        var claims = new Dictionary<string, object> { ["role"] = "rt_user", ["user_id"] = userId };
        var descriptor = new SecurityTokenDescriptor
        {
            Claims = claims,
            Expires = DateTime.UtcNow + (lifetime ?? TimeSpan.FromHours(1)),
            NotBefore = DateTime.UtcNow.AddMinutes(-1),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(Secret)), SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    public static object Payload(string query, object? variables = null) => variables is null ? new { query } : new { query, variables };

    public static string Data(JsonElement next, params string[] path)
    {
        var e = next.GetProperty("payload").GetProperty("data");
        foreach (var p in path)
        {
            e = e.GetProperty(p);
        }

        return e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText();
    }

    public static string NodeId(string collection, int id) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"[\"{collection}\",{id}]"));

    public static string Hash(string s) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(s)))[..8];
}
