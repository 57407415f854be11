using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Npgsql;
using Platform.EndToEnd.Tests.Fixtures;
using Xunit;

namespace Platform.EndToEnd.Tests.ControlPlane;

/// <summary>
/// The control plane over HTTP with the real gateway and silo: a new user's whole journey to a GraphQL answer from
/// tables its migrations made, then what deployments must refuse or roll back, the webhook, secrets at rest, and
/// settings edits.
/// </summary>
[Collection(ControlPlaneCollection.Name)]
public sealed class ControlPlaneJourneyTests(ControlPlaneFixture f)
{
    private const string Items = "CREATE TABLE public.items (id serial PRIMARY KEY, name text NOT NULL); INSERT INTO public.items (name) VALUES ('alpha'), ('beta');";

    [Fact]
    public async Task A_new_user_goes_from_sign_up_to_a_graphql_answer_from_migrated_tables()
    {
        var api = f.Api;
        var email = "journey-" + Guid.NewGuid().ToString("N")[..8] + "@example.com";
        var personalTeam = await api.SignUpAsync(email, "a long enough password");
        var tokens = await api.SignInAsync(email, "a long enough password");
        Assert.False(string.IsNullOrEmpty(tokens.GetProperty("refresh_token").GetString()));
        var access = tokens.GetProperty("access_token").GetString()!;

        var (status, me, _) = await api.GetAsync("/api/me", access);
        Assert.Equal(200, status);
        Assert.Equal(email, me.GetProperty("email").GetString());
        Assert.Contains(me.GetProperty("teams").EnumerateArray(), t => t.GetProperty("id").GetGuid() == personalTeam && t.GetProperty("personal").GetBoolean());

        var (_, pat, _) = await api.PostAsync("/api/tokens", access, new { name = "ci" });
        var token = pat.GetProperty("token").GetString()!;
        Assert.StartsWith("pat_", token, StringComparison.Ordinal);

        var (_, team, _) = await api.PostAsync("/api/teams", token, new { name = "Journey" });
        var teamId = team.GetProperty("id").GetGuid();
        await using var tenant = await TenantDatabase.CreateAsync();
        var (created, project, _) = await api.PostAsync($"/api/teams/{teamId}/projects", token, new { name = "journey-" + Guid.NewGuid().ToString("N")[..6], connectionString = tenant.ConnectionString });
        Assert.True(created == 201, project.ToString());
        var projectId = project.GetProperty("id").GetGuid();
        Assert.DoesNotContain(tenant.Password, project.ToString(), StringComparison.Ordinal);

        using var repo = new GitRepository();
        repo.Write("migrations/0001_items.sql", Items);
        repo.Push("items");
        var (put, _, _) = await api.SendAsync(HttpMethod.Put, $"/api/projects/{projectId}/repository", token, new { url = repo.Url, branch = "main" });
        Assert.Equal(200, put);
        var (_, started, _) = await api.PostAsync($"/api/projects/{projectId}/deployments", token);
        var deployment = await WaitAsync(api, token, projectId, started.GetProperty("id").GetGuid());
        Assert.True(deployment.GetProperty("status").GetString() == "succeeded", deployment.ToString());
        Assert.Equal(["0001_items.sql"], deployment.GetProperty("migrationsApplied").EnumerateArray().Select(e => e.GetString()));

        var (keyStatus, key, _) = await api.PostAsync($"/api/projects/{projectId}/keys", token, new { role = "service", name = "app" });
        Assert.Equal(201, keyStatus);
        JsonElement answer = default;
        await Polling.UntilAsync(async () =>
        {
            var (s, body, _) = await GatewayClient.GraphQLAsync(f.GatewayUrl, key.GetProperty("key").GetString(), "{ allItems(orderBy: NAME_ASC) { nodes { name } } }");
            answer = body;
            return s == 200 && body.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object;
        }, TimeSpan.FromSeconds(30), "a GraphQL answer from the migrated table");
        Assert.Equal(["alpha", "beta"], answer.GetProperty("data").GetProperty("allItems").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task A_second_push_applies_only_the_new_migration()
    {
        using var repo = new GitRepository();
        repo.Write("migrations/0001_items.sql", Items);
        repo.Push();
        var (projectId, tenant) = await f.CreateProjectAsync(repo);
        Assert.Equal("succeeded", (await f.DeployAsync(projectId)).GetProperty("status").GetString());

        repo.Write("migrations/0002_more.sql", "INSERT INTO public.items (name) VALUES ('gamma');");
        repo.Push();
        var second = await f.DeployAsync(projectId);
        Assert.Equal("succeeded", second.GetProperty("status").GetString());
        Assert.Equal(["0002_more.sql"], second.GetProperty("migrationsApplied").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(3L, await tenant.ScalarAsync<long>("SELECT count(*) FROM public.items"));
        Assert.Equal(2L, await tenant.ScalarAsync<long>("SELECT count(*) FROM platform_meta.migrations"));
    }

    [Fact]
    public async Task A_changed_applied_migration_is_refused_before_anything_runs()
    {
        using var repo = new GitRepository();
        repo.Write("migrations/0001_items.sql", Items);
        repo.Push();
        var (projectId, tenant) = await f.CreateProjectAsync(repo);
        Assert.Equal("succeeded", (await f.DeployAsync(projectId)).GetProperty("status").GetString());

        repo.Write("migrations/0001_items.sql", Items + " INSERT INTO public.items (name) VALUES ('sneaky');");
        repo.Write("migrations/0002_next.sql", "CREATE TABLE public.next (id int);");
        repo.Push();
        var d = await f.DeployAsync(projectId);
        Assert.Equal("failed", d.GetProperty("status").GetString());
        Assert.Equal("MIGRATION_CHANGED", d.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains("0001_items.sql", d.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Null(await tenant.ScalarAsync<string>("SELECT to_regclass('public.next')::text"));
    }

    [Fact]
    public async Task A_failing_migration_is_rolled_back_and_reported_in_the_log()
    {
        using var repo = new GitRepository();
        repo.Write("migrations/0001_items.sql", Items);
        repo.Write("migrations/0002_broken.sql", "CREATE TABLE public.half (id int); INSERT INTO public.items (name) VALUES ('x'); SELECT 1 / 0;");
        repo.Push();
        var (projectId, tenant) = await f.CreateProjectAsync(repo);
        var d = await f.DeployAsync(projectId);
        Assert.Equal("failed", d.GetProperty("status").GetString());
        Assert.Equal("MIGRATION_FAILED", d.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains("division by zero", d.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(["0001_items.sql"], d.GetProperty("migrationsApplied").EnumerateArray().Select(e => e.GetString()));
        Assert.Null(await tenant.ScalarAsync<string>("SELECT to_regclass('public.half')::text"));
        Assert.Equal(2L, await tenant.ScalarAsync<long>("SELECT count(*) FROM public.items"));
        Assert.Equal(1L, await tenant.ScalarAsync<long>("SELECT count(*) FROM platform_meta.migrations"));

        var (_, log, _) = await f.Api.GetAsync($"/api/projects/{projectId}/deployments/{d.GetProperty("id").GetGuid()}/log", f.Token);
        Assert.Contains(log.GetProperty("lines").EnumerateArray(), l => l.GetProperty("text").GetString()!.Contains("MIGRATION_FAILED", StringComparison.Ordinal));
        Assert.True(log.GetProperty("done").GetBoolean());
    }

    public static TheoryData<string> HostileRepos => ["symlink", "dotdot", "non-utf8", "many-files", "huge-file", "endless"];

    [Theory]
    [MemberData(nameof(HostileRepos))]
    public async Task A_hostile_repository_ends_in_a_clear_failed_deployment_with_nothing_half_applied(string kind)
    {
        using var repo = new GitRepository();
        repo.Write("migrations/0001_items.sql", Items);
        string expected;
        switch (kind)
        {
            case "symlink":
                repo.Symlink("migrations/0002_passwd.sql", "/etc/passwd");
                expected = "UNSAFE_PATH";
                break;
            case "dotdot":
                repo.Write("migrations/0002..evil.sql", "SELECT 1;");
                expected = "MIGRATION_NAME_INVALID";
                break;
            case "non-utf8":
                repo.Write("migrations/0002_latin1.sql", [0x53, 0x45, 0x4c, 0x45, 0x43, 0x54, 0x20, 0x27, 0xe9, 0x27, 0x3b]);
                expected = "MIGRATION_NOT_UTF8";
                break;
            case "many-files":
                for (var i = 0; i < 250; i++)
                {
                    repo.Write($"junk/{i}.txt", "x");
                }

                expected = "TOO_MANY_FILES";
                break;
            case "huge-file":
                repo.Write("blob.bin", RandomNumberGenerator.GetBytes(4_000_000));
                expected = "REPO_TOO_LARGE";
                break;
            default:
                repo.Write("migrations/0002_endless.sql", "CREATE TABLE public.never (id int); SELECT pg_sleep(600);");
                expected = "MIGRATION_TIMEOUT";
                break;
        }

        repo.Push(kind);
        var (projectId, tenant) = await f.CreateProjectAsync(repo);
        var d = await f.DeployAsync(projectId);
        Assert.Equal("failed", d.GetProperty("status").GetString());
        Assert.Equal(expected, d.GetProperty("error").GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(d.GetProperty("error").GetProperty("message").GetString()));
        Assert.Null(await tenant.ScalarAsync<string>("SELECT to_regclass('public.never')::text"));
        if (kind != "endless")
        {
            // Refused while reading the checkout: not even the harmless first migration ran.
            Assert.Null(await tenant.ScalarAsync<string>("SELECT to_regclass('public.items')::text"));
        }
    }

    [Fact]
    public async Task The_webhook_refuses_a_bad_signature_and_deploys_a_signed_push_to_the_branch()
    {
        using var repo = new GitRepository();
        repo.Write("migrations/0001_items.sql", Items);
        var sha = repo.Push();
        var (projectId, _) = await f.CreateProjectAsync(repo);
        var (_, rotated, _) = await f.Api.PostAsync($"/api/projects/{projectId}/repository/webhook-secret", f.Token);
        var secret = rotated.GetProperty("secret").GetString()!;
        var payload = JsonSerializer.Serialize(new { @ref = "refs/heads/main", after = sha });

        var (bad, badBody, _) = await Hook(projectId, payload, "sha256=" + new string('0', 64));
        Assert.Equal(401, bad);
        Assert.Equal("INVALID_SIGNATURE", badBody.GetProperty("code").GetString());
        var (missing, _, _) = await Hook(projectId, payload, null);
        Assert.Equal(401, missing);
        var (_, deployments, _) = await f.Api.GetAsync($"/api/projects/{projectId}/deployments", f.Token);
        Assert.Equal(0, deployments.GetProperty("items").GetArrayLength());

        var other = JsonSerializer.Serialize(new { @ref = "refs/heads/feature", after = sha });
        var (ignored, ignoredBody, _) = await Hook(projectId, other, Sign(secret, other));
        Assert.Equal(200, ignored);
        Assert.True(ignoredBody.TryGetProperty("ignored", out _));

        var (accepted, body, _) = await Hook(projectId, payload, Sign(secret, payload));
        Assert.Equal(202, accepted);
        var d = await f.WaitForDeploymentAsync(projectId, body.GetProperty("deploymentId").GetGuid());
        Assert.Equal("succeeded", d.GetProperty("status").GetString());
        Assert.Equal("webhook", d.GetProperty("trigger").GetString());
    }

    [Fact]
    public async Task Connection_strings_and_repository_credentials_are_absent_in_plain_text_from_every_metadata_table()
    {
        var (projectId, tenant) = await f.CreateProjectAsync();
        const string RepoPassword = "repo-password-4f8a1c";
        var (s, _, _) = await f.Api.SendAsync(HttpMethod.Put, $"/api/projects/{projectId}/repository", f.Token,
            new { url = "https://git.example.com/acme/app.git", branch = "main", username = "bot", password = RepoPassword });
        Assert.Equal(200, s);
        // A deployment too, so Hangfire's tables hold a job for this project.
        using var repo = new GitRepository();
        repo.Write("migrations/0001_items.sql", Items);
        repo.Push();
        var (other, _) = await f.CreateProjectAsync(repo);
        await f.DeployAsync(other);

        var tables = new List<string>();
        await using (var cmd = f.Metadata.DataSource.CreateCommand(
            "SELECT format('%I.%I', schemaname, tablename) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"))
        await using (var r = await cmd.ExecuteReaderAsync())
        {
            while (await r.ReadAsync())
            {
                tables.Add(r.GetString(0));
            }
        }

        Assert.Contains("platform.projects", tables);
        Assert.Contains(tables, t => t.StartsWith("hangfire.", StringComparison.Ordinal));
        foreach (var table in tables)
        {
            await using var cmd = f.Metadata.DataSource.CreateCommand($"SELECT count(*) FROM {table} t WHERE t::text LIKE '%' || $1 || '%' OR t::text LIKE '%' || $2 || '%'");
            cmd.Parameters.AddWithValue(tenant.Password);
            cmd.Parameters.AddWithValue(RepoPassword);
            Assert.True((long)(await cmd.ExecuteScalarAsync())! == 0, $"{table} holds a secret in plain text");
        }
    }

    [Fact]
    public async Task The_platforms_own_database_is_refused_as_a_tenant()
    {
        var (status, body, _) = await f.Api.PostAsync($"/api/teams/{f.TeamId}/connection-check", f.Token, new { connectionString = f.Metadata.ConnectionString });
        Assert.Equal(422, status);
        Assert.Equal("PLATFORM_DATABASE_REFUSED", body.GetProperty("code").GetString());
        Assert.Equal("application/problem+json", (await f.Api.PostAsync($"/api/teams/{f.TeamId}/connection-check", f.Token, new { connectionString = f.Metadata.ConnectionString })).Response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Each_connection_failure_has_its_own_code()
    {
        await using var tenant = await TenantDatabase.CreateAsync();
        var wrongPassword = tenant.ConnectionString.Replace(tenant.Password, "wrong", StringComparison.Ordinal);
        var closedPort = $"postgres://u:p@127.0.0.1:{FreePortOf()}/db";
        var cases = new (string ConnectionString, object? Settings, int Status, string Code)[]
        {
            ("not a connection string", null, 400, "VALIDATION_FAILED"),
            (wrongPassword, null, 422, "DATABASE_AUTH_FAILED"),
            (closedPort, null, 422, "DATABASE_UNREACHABLE"),
            (tenant.ConnectionString, new { anonymousRole = "no_such_role_x" }, 422, "DATABASE_ROLES_MISSING"),
        };
        foreach (var (cs, settings, status, code) in cases)
        {
            var (s, body, _) = await f.Api.PostAsync($"/api/teams/{f.TeamId}/connection-check", f.Token, new { connectionString = cs, settings });
            Assert.True(s == status && body.GetProperty("code").GetString() == code, $"{cs}: {s} {body}");
        }

        var (ok, okBody, _) = await f.Api.PostAsync($"/api/teams/{f.TeamId}/connection-check", f.Token, new { connectionString = tenant.ConnectionString });
        Assert.Equal(200, ok);
        Assert.Equal(tenant.Name, okBody.GetProperty("username").GetString());
    }

    [Fact]
    public async Task A_settings_change_reaches_the_gateway_without_a_restart_and_a_stale_etag_is_refused()
    {
        var (projectId, _) = await f.CreateProjectAsync();
        var (_, key, _) = await f.Api.PostAsync($"/api/projects/{projectId}/keys", f.Token, new { role = "service", name = "k" });
        var apiKey = key.GetProperty("key").GetString()!;
        var big = "{\"query\":\"{ __typename }\",\"pad\":\"" + new string('x', 4000) + "\"}";
        var (before, _, _) = await GatewayClient.PostJsonAsync(f.GatewayUrl + "/graphql", big, apiKey);
        Assert.NotEqual(413, before);

        var (_, _, read) = await f.Api.GetAsync($"/api/projects/{projectId}/settings", f.Token);
        var etag = read.Headers.ETag!.Tag;
        var (first, _, written) = await f.Api.SendAsync(HttpMethod.Put, $"/api/projects/{projectId}/settings", f.Token,
            new { limits = new { maxBodyBytes = 2048 } }, r => r.Headers.TryAddWithoutValidation("If-Match", etag));
        Assert.Equal(200, first);
        Assert.NotEqual(etag, written.Headers.ETag!.Tag);

        // The second editor read the same version: their write is refused, nothing changes.
        var (second, stale, _) = await f.Api.SendAsync(HttpMethod.Put, $"/api/projects/{projectId}/settings", f.Token,
            new { poolSize = 3 }, r => r.Headers.TryAddWithoutValidation("If-Match", etag));
        Assert.Equal(412, second);
        Assert.Equal("STALE_ETAG", stale.GetProperty("code").GetString());
        var (_, now, _) = await f.Api.GetAsync($"/api/projects/{projectId}/settings", f.Token);
        Assert.Equal(10, now.GetProperty("poolSize").GetInt32());

        var (invalid, errors, _) = await f.Api.SendAsync(HttpMethod.Put, $"/api/projects/{projectId}/settings", f.Token,
            new { poolSize = 0, limits = new { burst = 0 } }, r => r.Headers.TryAddWithoutValidation("If-Match", written.Headers.ETag!.Tag));
        Assert.Equal(400, invalid);
        Assert.True(errors.GetProperty("errors").TryGetProperty("poolSize", out _));
        Assert.True(errors.GetProperty("errors").TryGetProperty("limits.burst", out _));

        await Polling.UntilAsync(async () =>
        {
            var (after, _, _) = await GatewayClient.PostJsonAsync(f.GatewayUrl + "/graphql", big, apiKey);
            return after == 413;
        }, TimeSpan.FromSeconds(10), "the gateway applying the new body limit");
    }

    private Task<(int Status, JsonElement Body, HttpResponseMessage Response)> Hook(Guid projectId, string payload, string? signature) =>
        f.Api.SendAsync(HttpMethod.Post, $"/api/hooks/git/{projectId}", null, payload, r =>
        {
            r.Headers.Add("X-GitHub-Event", "push");
            if (signature is not null)
            {
                r.Headers.Add("X-Hub-Signature-256", signature);
            }
        });

    private static string Sign(string secret, string payload) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(payload)));

    private static int FreePortOf() => Platform.Testing.Hosting.FreePort.Next();

    private static async Task<JsonElement> WaitAsync(ControlPlaneApi api, string token, Guid projectId, Guid deploymentId)
    {
        for (var i = 0; i < 480; i++)
        {
            var (_, d, _) = await api.GetAsync($"/api/projects/{projectId}/deployments/{deploymentId}", token);
            if (d.GetProperty("status").GetString() is "succeeded" or "failed")
            {
                return d;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException("deployment did not finish");
    }
}
