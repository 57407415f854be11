using System.Text.Json;
using Platform.EndToEnd.Tests.Fixtures;
using Platform.Metadata.Projects;
using Xunit;

namespace Platform.EndToEnd.Tests.Attacks;

/// <summary>
/// #19, critical: a service key whose tenant login has CREATEROLE granted itself pg_execute_server_program over /sql
/// and ran a program on the database server through COPY inside DO ... EXECUTE, where the tenant shared the platform's
/// cluster. The silo now checks the login at activation and refuses it before anything runs as it. Every attack here
/// runs against a throwaway cluster.
/// </summary>
public sealed class TenantLoginAttackTests(EscapeClusterPlatform platform) : IClassFixture<EscapeClusterPlatform>
{
    [Fact]
    public async Task A_createrole_login_cannot_grant_itself_server_programs_and_run_one()
    {
        var marker = "/tmp/platform-escape-" + Guid.NewGuid().ToString("N");
        var grant = Sql("DO $$ BEGIN EXECUTE 'GRANT pg_execute_server_program TO ' || quote_ident(current_user); END $$");
        var run = Sql($"DO $$ BEGIN EXECUTE 'COPY (SELECT 1) TO PROGRAM ''touch {marker}'''; END $$");

        var (status, body, _) = await GatewayClient.PostJsonAsync(platform.GatewayUrl + "/sql", grant, platform.Escapee.ServiceKey.Key);
        AssertRefused(status, body, "CREATEROLE");
        (status, body, _) = await GatewayClient.PostJsonAsync(platform.GatewayUrl + "/sql", run, platform.Escapee.ServiceKey.Key);
        AssertRefused(status, body, "CREATEROLE");

        // Nothing ran as the login: no membership was granted, no program started.
        Assert.False(await platform.AdminScalarAsync<bool>(
            "SELECT EXISTS (SELECT 1 FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.member WHERE r.rolname = 'escapee')"));
        Assert.False(File.Exists(marker), "the tenant ran a program on the database server");

        (status, body, _) = await GatewayClient.GraphQLAsync(platform.GatewayUrl, platform.Escapee.AnonKey.Key);
        AssertRefused(status, body, "CREATEROLE");
    }

    [Fact]
    public async Task A_login_that_can_set_role_to_a_createrole_role_is_refused()
    {
        var (status, body, _) = await GatewayClient.PostJsonAsync(platform.GatewayUrl + "/sql",
            Sql("DO $$ BEGIN SET ROLE role_admins; EXECUTE 'GRANT pg_execute_server_program TO climber'; END $$"), platform.Climber.ServiceKey.Key);
        AssertRefused(status, body, "CREATEROLE");
        Assert.False(await platform.AdminScalarAsync<bool>("SELECT pg_has_role('climber', 'pg_execute_server_program', 'MEMBER')"));
    }

    [Fact]
    public async Task A_member_of_a_server_file_role_is_refused()
    {
        var (status, body, _) = await GatewayClient.PostJsonAsync(platform.GatewayUrl + "/sql",
            Sql("SELECT pg_read_file('/etc/passwd')"), platform.Reader.ServiceKey.Key);
        AssertRefused(status, body, "pg_read_server_files");
    }

    [Fact]
    public async Task A_safe_owner_is_served_and_a_project_owning_its_server_keeps_createrole()
    {
        var (status, body, _) = await GatewayClient.PostJsonAsync(platform.GatewayUrl + "/sql", Sql("SELECT current_user AS u"), platform.SafeOwner.ServiceKey.Key);
        Assert.True(status == 200, body.ToString());
        Assert.Equal("safe_owner", body.GetProperty("rows")[0].GetProperty("u").GetString());

        (status, body, _) = await GatewayClient.PostJsonAsync(platform.GatewayUrl + "/sql", Sql("SELECT current_user AS u"), platform.OwnServer.ServiceKey.Key);
        Assert.True(status == 200, body.ToString());
        Assert.Equal("own_server", body.GetProperty("rows")[0].GetProperty("u").GetString());
    }

    private static string Sql(string query) => JsonSerializer.Serialize(new { query, @params = Array.Empty<object>() });

    private static void AssertRefused(int status, JsonElement body, string reason)
    {
        Assert.True(status == 503, $"{status}: {body}");
        var error = body.GetProperty("errors")[0];
        Assert.Equal(TenantLoginVerdict.Code, error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Contains(reason, error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
