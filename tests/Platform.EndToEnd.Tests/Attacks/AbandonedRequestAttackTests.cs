using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Npgsql;
using Platform.EndToEnd.Tests.Fixtures;
using Platform.Metadata.Projects;
using Xunit;

namespace Platform.EndToEnd.Tests.Attacks;

/// <summary>
/// #19, low: a client that went away left its statement running in the tenant database until the statement timeout,
/// holding one of the project's few connections; a few abandoned requests lock the project out. The request's abort
/// now reaches the statement (through the silo's local path and as an Orleans call's token), PostgreSQL cancels it, and
/// the connection comes back healthy. The project has one connection, so the request after proves it is back.
/// </summary>
public sealed class AbandonedRequestAttackTests(AttackPlatform platform) : IClassFixture<AttackPlatform>
{
    [Fact]
    public async Task An_abandoned_sql_request_cancels_its_statement_and_frees_the_connection()
    {
        var project = await OneConnectionProjectAsync();
        var marker = "abandoned_" + Guid.NewGuid().ToString("N")[..8];
        await AbandonAsync("/sql", project.ServiceKey.Key, JsonSerializer.Serialize(new { query = $"select pg_sleep(30) as {marker}" }), project.Id, marker);

        var (status, body, _) = await GatewayClient.PostJsonAsync(platform.GatewayUrl + "/sql", """{"query":"select 1 as one"}""", project.ServiceKey.Key);
        Assert.True(status == 200, body.ToString());
    }

    [Fact]
    public async Task An_abandoned_graphql_request_cancels_its_statement_and_frees_the_connection()
    {
        var project = await OneConnectionProjectAsync();
        await AbandonAsync("/graphql", project.AnonKey.Key, """{"query":"{ abandonSleep(seconds: 30) }"}""", project.Id, "abandon_sleep");

        var (status, body, _) = await GatewayClient.GraphQLAsync(platform.GatewayUrl, project.AnonKey.Key, "{ abandonSleep(seconds: 0) }");
        Assert.True(status == 200 && body.GetProperty("data").GetProperty("abandonSleep").GetInt32() == 0, body.ToString());
    }

    private async Task<TestProject> OneConnectionProjectAsync()
    {
        await platform.TenantA.ExecuteAsync("""
            create or replace function public.abandon_sleep(seconds int) returns int language sql stable
              as $$ select seconds from (select pg_sleep(seconds)) s $$;
            """);
        return await platform.Hosts.CreateProjectAsync(platform.TenantA.ConnectionString, new ProjectSettings { PoolSize = 1, StatementTimeoutSeconds = 60 });
    }

    /// <summary>Sends the request, waits until its statement runs, goes away, and expects the statement gone within seconds.</summary>
    private async Task AbandonAsync(string path, string key, string json, Guid projectId, string marker)
    {
        using var client = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        using var request = new HttpRequestMessage(HttpMethod.Post, platform.GatewayUrl + path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Api-Key", key);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var abort = new CancellationTokenSource();
        var sent = client.SendAsync(request, abort.Token);

        await Polling.UntilAsync(async () => await RunningAsync(projectId, marker) == 1, TimeSpan.FromSeconds(20), "the statement runs");
        await abort.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sent);

        var gone = await Polling.UntilAsync(async () => await RunningAsync(projectId, marker) == 0, TimeSpan.FromSeconds(5), "the abandoned statement is cancelled");
        Assert.True(gone < TimeSpan.FromSeconds(5), $"took {gone}");
    }

    private async Task<long> RunningAsync(Guid projectId, string marker)
    {
        await using var cmd = platform.TenantA.DataSource.CreateCommand(
            "select count(*) from pg_stat_activity where application_name = $1 and state = 'active' and query like '%' || $2 || '%'");
        cmd.Parameters.Add(new NpgsqlParameter { Value = "platform/project/" + projectId.ToString("N") });
        cmd.Parameters.Add(new NpgsqlParameter { Value = marker });
        return (long)(await cmd.ExecuteScalarAsync())!;
    }
}
