using System.Diagnostics;
using Npgsql;
using Platform.EndToEnd.Tests.Fixtures;
using Xunit;

namespace Platform.EndToEnd.Tests.Attacks;

/// <summary>
/// #19, high: one GraphQL field's value was read whole (string, then UTF-8 bytes) before the response cap applied, so
/// a single large value took a silo's memory up by several times its size. Values are now read in chunks, the read
/// stops at the cap, the statement is cancelled and the connection goes back to the pool healthy.
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

    /// <summary>The process's peak resident set (VmHWM) so far.</summary>
    private static long PeakResidentBytes(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }
}
