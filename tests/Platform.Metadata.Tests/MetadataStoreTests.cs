using Npgsql;
using Platform.Metadata.Keys;
using Platform.Metadata.Projects;
using Platform.Metadata.Security;
using Platform.Testing.Postgres;
using Xunit;

namespace Platform.Metadata.Tests;

/// <summary>The metadata schema and stores against a real PostgreSQL database of their own.</summary>
public sealed class MetadataStoreTests(TestDatabase db) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private readonly SecretProtector protector = SecretProtector.FromBase64(SecretProtector.NewMasterKey());

    public async Task InitializeAsync() => await MetadataMigrator.MigrateAsync(db.ConnectionString);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Migrations_apply_once_and_a_second_run_changes_nothing()
    {
        Assert.Empty(await MetadataMigrator.MigrateAsync(db.ConnectionString));
        var names = MetadataMigrator.Scripts().Select(s => s.Name).ToList();
        var count = await db.ScalarAsync<long>("SELECT count(*) FROM platform.schema_migrations");
        Assert.Equal(names.Count, (int)count);
    }

    [Fact]
    public async Task Concurrent_migrations_do_not_collide()
    {
        var fresh = new TestDatabase();
        await fresh.InitializeAsync();
        try
        {
            var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => MetadataMigrator.MigrateAsync(fresh.ConnectionString)));
            Assert.Equal(MetadataMigrator.Scripts().Count(), runs.Sum(r => r.Count));
        }
        finally
        {
            await fresh.DisposeAsync();
        }
    }

    [Fact]
    public async Task Connection_strings_and_jwt_secrets_are_encrypted_at_rest()
    {
        var store = new ProjectStore(db.DataSource, protector);
        var settings = new ProjectSettings { Jwt = new JwtSettings { Secret = "jwt-secret-value-1234567890-long-enough" }, PoolSize = 7 };
        var id = await store.UpsertAsync("enc-" + Guid.NewGuid(), "postgres://u:topsecretpw@127.0.0.1:5432/db", settings);

        await using (var cmd = db.DataSource.CreateCommand(
            "SELECT encode(connection_string_enc, 'escape') || encode(jwt_secret_enc, 'escape') || settings::text FROM platform.projects WHERE id = $1"))
        {
            cmd.Parameters.AddWithValue(id);
            var raw = (string)(await cmd.ExecuteScalarAsync())!;
            Assert.DoesNotContain("topsecretpw", raw, StringComparison.Ordinal);
            Assert.DoesNotContain("jwt-secret-value", raw, StringComparison.Ordinal);
        }

        var loaded = await store.GetAsync(id);
        Assert.NotNull(loaded);
        Assert.Equal("topsecretpw", new NpgsqlConnectionStringBuilder(loaded.ConnectionString).Password);
        Assert.Equal("jwt-secret-value-1234567890-long-enough", loaded.Settings.Jwt!.Secret);
        Assert.Equal(7, loaded.Settings.PoolSize);
    }

    [Fact]
    public async Task Upsert_by_name_keeps_the_project_id()
    {
        var store = new ProjectStore(db.DataSource, protector);
        var name = "same-" + Guid.NewGuid();
        var first = await store.UpsertAsync(name, "Host=a;Database=x", new ProjectSettings());
        var second = await store.UpsertAsync(name, "Host=b;Database=y", new ProjectSettings { PoolSize = 3 });
        Assert.Equal(first, second);
        var loaded = await store.GetAsync(first);
        Assert.Equal("b", new NpgsqlConnectionStringBuilder(loaded!.ConnectionString).Host);
        Assert.Equal(3, loaded.Settings.PoolSize);
    }

    [Fact]
    public async Task Invalid_settings_and_connection_strings_store_nothing()
    {
        var store = new ProjectStore(db.DataSource, protector);
        var name = "bad-" + Guid.NewGuid();
        await Assert.ThrowsAsync<ArgumentException>(() => store.UpsertAsync(name, "Host=a", new ProjectSettings { PoolSize = 0 }));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.UpsertAsync(name, "nonsense", new ProjectSettings()));
        await using var cmd = db.DataSource.CreateCommand("SELECT count(*) FROM platform.projects WHERE name = $1");
        cmd.Parameters.AddWithValue(name);
        Assert.Equal(0L, (long)(await cmd.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task Keys_are_stored_hashed_found_by_hash_and_revocable()
    {
        var id = await new ProjectStore(db.DataSource, protector).UpsertAsync("keys-" + Guid.NewGuid(), "Host=a", new ProjectSettings());
        var keys = new ApiKeyStore(db.DataSource);
        var issued = await keys.IssueAsync(id, ApiKeyRole.Service);

        Assert.StartsWith("pk_s_", issued.Key, StringComparison.Ordinal);
        await using (var cmd = db.DataSource.CreateCommand("SELECT count(*) FROM platform.api_keys WHERE key_prefix = $1 AND position(convert_to($2, 'UTF8') in key_hash) = 0"))
        {
            cmd.Parameters.AddWithValue(ApiKeySecret.Prefix(issued.Key));
            cmd.Parameters.AddWithValue(issued.Key);
            Assert.Equal(1L, (long)(await cmd.ExecuteScalarAsync())!);
        }

        var found = await keys.FindAsync(issued.Key);
        Assert.NotNull(found);
        Assert.Equal(id, found.ProjectId);
        Assert.Equal(ApiKeyRole.Service, found.Role);
        Assert.True(found.IsUsable(DateTimeOffset.UtcNow));
        Assert.Null(await keys.FindAsync(issued.Key + "x"));

        Assert.Equal(1, await keys.RevokeAsync(issued.Id));
        Assert.False((await keys.FindAsync(issued.Key))!.IsUsable(DateTimeOffset.UtcNow));
    }

    [Fact]
    public void Settings_json_refuses_unknown_properties_and_keeps_secrets_out_of_the_stored_form()
    {
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => ProjectSettings.Parse("""{"poolSzie": 5}"""));
        var s = ProjectSettings.Parse("""{"exposedSchemas":["app_public"],"anonymousRole":"anon","jwt":{"secret":"s3cr3t-value","tokenType":"app_public.jwt_token"},"poolSize":4}""");
        Assert.Equal(["app_public"], s.ExposedSchemas);
        Assert.Equal("app_public.jwt_token", s.Jwt!.TokenType);
        Assert.DoesNotContain("s3cr3t-value", s.ToStoredJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_limits_parse_refuse_unknown_names_and_out_of_range_values()
    {
        var s = ProjectSettings.Parse("""{"limits":{"requestsPerSecond":5,"burst":20,"maxBodyBytes":4096,"upstreamTimeoutSeconds":3}}""");
        Assert.Equal(5, s.Limits!.RequestsPerSecond);
        Assert.Null(s.Limits.MaxWebSockets);
        s.Validate();
        Assert.Contains("\"limits\":{", s.ToStoredJson(), StringComparison.Ordinal);
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => ProjectSettings.Parse("""{"limits":{"requestPerSecond":5}}"""));
        var e = Assert.Throws<ArgumentException>(() => ProjectSettings.Parse("""{"limits":{"burst":0,"maxBodyBytes":2097152}}""").Validate());
        Assert.Contains("limits.burst", e.Message, StringComparison.Ordinal);
        Assert.Contains("limits.maxBodyBytes", e.Message, StringComparison.Ordinal);
    }
}
