using System.Text.Json;
using Platform.EndToEnd.Tests.Fixtures;
using Xunit;

namespace Platform.EndToEnd.Tests.Attacks;

/// <summary>
/// #19, medium: Npgsql's reset leaves out DEALLOCATE once it holds prepared statements on a connection, so a PREPARE
/// made in a DO block survived, and a service key replaced the engine's prepared set_config: anonymous requests then ran
/// as the owner. /sql now drops every prepared statement through Npgsql before its connection goes back, so the pool's
/// reset is DISCARD ALL (decision 0050). Every request here goes through the gateway to a project whose one pool holds
/// one connection, shared by GraphQL and /sql; the probes check it is the same backend, reset, not replaced.
/// </summary>
public sealed class PooledStateAttackTests(AttackPlatform platform) : IClassFixture<AttackPlatform>
{
    public static TheoryData<string> Tricks => new()
    {
        // The names Npgsql gives automatically prepared statements, each made to set a session-wide setting.
        "DO $$ BEGIN FOR i IN 0..63 LOOP EXECUTE format('PREPARE %I AS SELECT set_config(''hyg.leak'', ''prepared'', false)', '_auto' || i); END LOOP; END $$",
        "DO $$ BEGIN PERFORM set_config('hyg.leak', 'set_config', false); PERFORM set_config('role', '{anon}', false); END $$",
        "DO $$ BEGIN EXECUTE 'CREATE TEMP TABLE hyg_left (x int)'; END $$",
        "DO $$ BEGIN EXECUTE 'LISTEN hyg_channel'; END $$",
        "DO $$ BEGIN PERFORM pg_advisory_lock(4242); END $$",
        "DO $$ BEGIN EXECUTE 'SET ROLE {anon}'; END $$",
        "DO $$ BEGIN EXECUTE 'SET SESSION AUTHORIZATION {anon}'; END $$",
    };

    [Theory]
    [MemberData(nameof(Tricks))]
    public async Task Nothing_a_request_leaves_on_its_connection_reaches_the_next(string trick)
    {
        var anon = platform.PooledAnonRole;
        // Three rounds so that the engine's statements are prepared automatically (after their second use).
        JsonElement graphQL = default;
        for (var i = 0; i < 3; i++)
        {
            graphQL = await GraphQLProbeAsync();
        }

        var sql = await SqlProbeAsync();

        var (status, body, _) = await SqlAsync(trick.Replace("{anon}", anon, StringComparison.Ordinal));
        Assert.True(status == 200, body.ToString());

        var sqlAfter = await SqlProbeAsync();
        Assert.Equal(sql.GetProperty("pid").GetInt32(), sqlAfter.GetProperty("pid").GetInt32());
        AssertClean(sqlAfter, sqlAfter.GetProperty("sessionUser").GetString()!);

        var graphQLAfter = await GraphQLProbeAsync();
        Assert.Equal(graphQL.GetProperty("pid").GetInt32(), graphQLAfter.GetProperty("pid").GetInt32());
        AssertClean(graphQLAfter, anon);

        // Anonymous requests still run as the anonymous role: the private table stays out of reach.
        (status, body, _) = await GatewayClient.GraphQLAsync(platform.GatewayUrl, platform.Pooled.AnonKey.Key, "{ allPrivateNotes { nodes { body } } }");
        Assert.DoesNotContain("\"private\"", body.GetRawText(), StringComparison.Ordinal);
        (status, body, _) = await GatewayClient.GraphQLAsync(platform.GatewayUrl, platform.Pooled.AnonKey.Key, "{ allOpenNotes { nodes { body } } }");
        Assert.True(status == 200, body.ToString());
        Assert.Equal("open", body.GetProperty("data").GetProperty("allOpenNotes").GetProperty("nodes")[0].GetProperty("body").GetString());

        // And the service key's own next request runs as the login, with nothing of the trick.
        var last = await SqlProbeAsync();
        Assert.Equal(sql.GetProperty("pid").GetInt32(), last.GetProperty("pid").GetInt32());
        AssertClean(last, sql.GetProperty("sessionUser").GetString()!);
    }

    private static void AssertClean(JsonElement probe, string expectedUser)
    {
        Assert.Equal(expectedUser, probe.GetProperty("currentUser").GetString());
        Assert.Equal(0, probe.GetProperty("tempTables").GetInt32());
        Assert.Equal(0, probe.GetProperty("channels").GetInt32());
        Assert.Equal(0, probe.GetProperty("advisoryLocks").GetInt32());
        Assert.Equal(0, probe.GetProperty("sqlPrepared").GetInt32());
        Assert.Equal("", probe.GetProperty("leak").GetString());
    }

    private async Task<JsonElement> GraphQLProbeAsync()
    {
        var (status, body, _) = await GatewayClient.GraphQLAsync(platform.GatewayUrl, platform.Pooled.AnonKey.Key, "{ sessionProbe }");
        Assert.True(status == 200 && body.TryGetProperty("data", out _), body.ToString());
        var probe = body.GetProperty("data").GetProperty("sessionProbe");
        // PostGraphile v4 gives json as a JSON string.
        return probe.ValueKind == JsonValueKind.String ? JsonDocument.Parse(probe.GetString()!).RootElement.Clone() : probe;
    }

    private async Task<JsonElement> SqlProbeAsync()
    {
        var (status, body, _) = await SqlAsync("SELECT session_probe()::text AS p");
        Assert.True(status == 200, body.ToString());
        var text = FirstValue(body);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The first row's first value, in either of /sql's result shapes.</summary>
    private static string FirstValue(JsonElement body)
    {
        var row = body.GetProperty("rows")[0];
        return row.ValueKind == JsonValueKind.Array ? row[0].GetString()! : row.EnumerateObject().First().Value.GetString()!;
    }

    private Task<(int Status, JsonElement Body, HttpResponseMessage Response)> SqlAsync(string query) =>
        GatewayClient.PostJsonAsync(platform.GatewayUrl + "/sql", JsonSerializer.Serialize(new { query, @params = Array.Empty<object>() }), platform.Pooled.ServiceKey.Key);
}
