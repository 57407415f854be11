using System.Diagnostics;
using System.Text.Json;
using Npgsql;
using Platform.EndToEnd.Tests.Fixtures;
using Platform.Testing.Postgres;
using Xunit;

namespace Platform.EndToEnd.Tests.Attacks;

/// <summary>
/// #19, high: one GraphQL field's value was read whole (string, then UTF-8 bytes) before the response cap applied, so
/// a single large value took a silo's memory up by several times its size. Values are now read in chunks, the read
/// stops at the cap, the statement is cancelled and the connection goes back to the pool healthy.
/// #19, high: each distinct node id passed as a variable compiled and cached a plan holding its own copy of the
/// document (1,000 ids with a 90 KB document held 173 MB). The id's keys are now bound parameters: one plan serves them.
/// </summary>
public sealed class ResponseMemoryAttackTests(AttackPlatform platform) : IClassFixture<AttackPlatform>
{
    private const int Megabytes = 96;

    [Fact]
    public async Task One_huge_field_is_stopped_at_the_cap_without_the_silo_holding_it()
    {
        var key = platform.ProjectA.AnonKey.Key;
        var (status, body, _) = await GatewayClient.GraphQLAsync(platform.GatewayUrl, key, "{ allNotes { nodes { body } } }");
        Assert.True(status == 200, body.ToString());

        var silo = platform.Hosts.Silos[0].ProcessId;
        var peakBefore = PeakResidentBytes(silo);
        var watch = Stopwatch.StartNew();
        (status, body, _) = await GatewayClient.GraphQLAsync(platform.GatewayUrl, key, $"{{ bigValue(megabytes: {Megabytes}) }}");
        watch.Stop();
        Assert.True(status == 200, body.ToString());
        Assert.Equal("RESPONSE_TOO_LARGE", body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());

        // Read whole, the value costs the silo at least three times its size (driver buffer, string, bytes).
        var grown = PeakResidentBytes(silo) - peakBefore;
        Assert.True(grown < 48L * 1024 * 1024, $"the silo's peak memory grew by {grown / (1024 * 1024)} MiB for a {Megabytes} MiB value");

        // The connection came back healthy: the next request on the project's one pool answers, and nothing of the
        // cancelled statement is still running.
        (status, body, _) = await GatewayClient.GraphQLAsync(platform.GatewayUrl, key, "{ allNotes { nodes { body } } }");
        Assert.True(status == 200, body.ToString());
        Assert.Equal("first", body.GetProperty("data").GetProperty("allNotes").GetProperty("nodes")[0].GetProperty("body").GetString());
        await Polling.UntilAsync(async () =>
        {
            await using var cmd = platform.TenantA.DataSource.CreateCommand(
                "select count(*) from pg_stat_activity where application_name = $1 and state = 'active'");
            cmd.Parameters.Add(new NpgsqlParameter { Value = "platform/project/" + platform.ProjectA.Id.ToString("N") });
            return (long)(await cmd.ExecuteScalarAsync())! == 0;
        }, TimeSpan.FromSeconds(10), "the big statement ended");
    }

    [Fact]
    public async Task A_thousand_node_ids_in_a_large_document_keep_the_silo_within_bounds()
    {
        var tenant = new TestDatabase();
        await tenant.InitializeAsync();
        try
        {
            await tenant.ExecuteAsync("""
                create table public.item (id int primary key, name text not null);
                insert into public.item select g, 'item ' || g from generate_series(1, 1000) g;
                """);
            var project = await platform.Hosts.CreateProjectAsync(tenant.ConnectionString);

            // Straight to the silo, as the gateway forwards it: the gateway's rate limit is not what this measures.
            var silo = new SignedSiloClient(platform.Hosts.InternalSecret);
            async Task<JsonElement> Graph(string query, object? variables = null)
            {
                var (status, body, _) = await silo.PostAsync(platform.Hosts.Silos[0].Url, project.Id, "graphql", JsonSerializer.Serialize(new { query, variables }));
                Assert.True(status == 200, $"{status} {body}");
                return body.GetProperty("data");
            }

            var ids = (await Graph("{ allItems(orderBy: ID_ASC) { nodes { nodeId } } }"))
                .GetProperty("allItems").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("nodeId").GetString()!).ToArray();
            Assert.Equal(1000, ids.Length);

            // The attack's document: about 90 KB (within the document limit), most of it a comment the plan keeps.
            var query = "query($id: ID!) {\n# " + new string('x', 90_000) + "\n node(nodeId: $id) { ... on Item { id name } } }";
            await Graph(query, new { id = ids[0] });
            var pid = platform.Hosts.Silos[0].ProcessId;
            // Sampled rather than VmHWM: the process's peak may already be higher from another test of this class.
            var before = ResidentBytes(pid);
            var peak = before;
            for (var i = 0; i < ids.Length; i++)
            {
                if (i % 20 == 0)
                {
                    peak = Math.Max(peak, ResidentBytes(pid));
                }

                var node = (await Graph(query, new { id = ids[i] })).GetProperty("node");
                Assert.Equal(i + 1, node.GetProperty("id").GetInt32());
                Assert.Equal("item " + (i + 1), node.GetProperty("name").GetString());
            }

            // Measured on 2 cores: 27-30 MiB, mostly the requests' own garbage (each body is 90 KB); 40-47 MiB when each id
            // was planned and cached apart (at most 32 plans per document); 173 MB before the plan cache was bounded.
            var grown = Math.Max(peak, ResidentBytes(pid)) - before;
            Assert.True(grown < 36L * 1024 * 1024, $"the silo's peak memory grew by {grown / (1024 * 1024)} MiB over 1,000 node ids");
        }
        finally
        {
            await tenant.DisposeAsync();
        }
    }

    /// <summary>The process's peak resident set (VmHWM) so far.</summary>
    private static long PeakResidentBytes(int pid) => StatusBytes(pid, "VmHWM:");

    /// <summary>The process's resident set now (VmRSS).</summary>
    private static long ResidentBytes(int pid) => StatusBytes(pid, "VmRSS:");

    private static long StatusBytes(int pid, string field)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }
}
