using Npgsql;
using Platform.EndToEnd.Tests.Fixtures;
using Xunit;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// A silo that refuses tenant databases on internal addresses (as deployed) answers a project whose connection string
/// names 127.0.0.1 with DATABASE_HOST_REFUSED on both surfaces (each in its own error shape), and never opens a connection to that host.
/// </summary>
public sealed class TenantHostRefusalTests(HostRefusingPlatform platform) : IClassFixture<HostRefusingPlatform>
{
    [Fact]
    public async Task A_project_whose_database_is_on_loopback_is_refused_and_never_connected_to()
    {
        var project = platform.ProjectA;
        var (status, body, _) = await GatewayClient.GraphQLAsync(platform.GatewayUrl, project.AnonKey.Key, "{ __typename }");
        Assert.Equal(503, status);
        var error = body.GetProperty("errors")[0];
        Assert.Equal("DATABASE_HOST_REFUSED", error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Contains("127.0.0.1", error.GetProperty("message").GetString(), StringComparison.Ordinal);

        (status, body, _) = await GatewayClient.PostJsonAsync(platform.GatewayUrl + "/sql", """{"query":"select 1"}""", project.ServiceKey.Key);
        Assert.Equal(503, status);
        Assert.Equal("DATABASE_HOST_REFUSED", body.GetProperty("code").GetString());

        // The grain identifies its connections by application name; none was ever opened.
        await using var cmd = platform.TenantA.DataSource.CreateCommand("select count(*) from pg_stat_activity where application_name = $1");
        cmd.Parameters.Add(new NpgsqlParameter { Value = "platform/project/" + project.Id.ToString("N") });
        Assert.Equal(0L, (long)(await cmd.ExecuteScalarAsync())!);
    }
}
