using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Platform.EndToEnd.Tests.Fixtures;
using Platform.ServiceDefaults.InternalAuth;
using Xunit;

namespace Platform.EndToEnd.Tests.Attacks;

/// <summary>
/// #19, low: the gateway's signature to a silo covered only project, role, time, method and path and lived about two
/// minutes, so whoever could read the gateway-to-silo traffic could replay a captured request with another body,
/// query string or end-user token, as the key's role. Requests are captured on their way to the real silo
/// (<see cref="CapturingSiloRelay"/>) and replayed straight at it, changed: the signature now binds method, path,
/// query, the forwarded Authorization header and the body's hash and is valid for seconds (decision 0087). Each test
/// first replays the capture unchanged inside the window, so a refusal is the change's doing, not a broken capture.
/// </summary>
public sealed class SignatureReplayAttackTests(CapturedSiloPlatform platform) : IClassFixture<CapturedSiloPlatform>
{
    [Fact]
    public async Task A_captured_sql_request_replayed_with_another_body_is_refused()
    {
        var marker = Marker();
        var captured = await CaptureSqlAsync($"select '{marker}' as m");

        var (status, body) = await platform.Relay.ReplayAsync(captured);
        Assert.True(status == 200 && body.Contains(marker, StringComparison.Ordinal), $"{status} {body}");

        var changed = captured.WithBody(JsonSerializer.Serialize(new { query = "select current_user as m, pg_backend_pid() as pid" }));
        (status, body) = await platform.Relay.ReplayAsync(changed);
        AssertRefused(status, body, "UNSIGNED_REQUEST");
    }

    [Fact]
    public async Task A_captured_graphql_get_replayed_with_another_query_string_is_refused()
    {
        var marker = Marker();
        var query = $"{{ {marker}: __typename }}";
        using (var request = new HttpRequestMessage(HttpMethod.Get, platform.GatewayUrl + "/graphql?query=" + Uri.EscapeDataString(query)))
        {
            request.Headers.Add("X-Api-Key", platform.ProjectA.ServiceKey.Key);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            using var response = await GatewayClient.Http.SendAsync(request);
            Assert.Equal(200, (int)response.StatusCode);
        }

        var captured = Find(c => c.Method == "GET" && c.PathAndQuery.Contains(marker, StringComparison.Ordinal));
        var (status, body) = await platform.Relay.ReplayAsync(captured);
        Assert.True(status == 200 && body.Contains(marker, StringComparison.Ordinal), $"{status} {body}");

        var path = captured.PathAndQuery[..captured.PathAndQuery.IndexOf('?')];
        var other = captured.WithPathAndQuery(path + "?query=" + Uri.EscapeDataString("{ __schema { types { name } } }"));
        (status, body) = await platform.Relay.ReplayAsync(other);
        AssertRefused(status, body, "UNSIGNED_REQUEST");

        // Dropping the query altogether is another request too.
        (status, body) = await platform.Relay.ReplayAsync(captured.WithPathAndQuery(path));
        AssertRefused(status, body, "UNSIGNED_REQUEST");
    }

    [Fact]
    public async Task A_captured_request_replayed_with_another_authorization_header_is_refused()
    {
        var marker = Marker();
        var captured = await CaptureSqlAsync($"select '{marker}' as m");
        Assert.Equal("", captured.Header("Authorization"));

        var (status, body) = await platform.Relay.ReplayAsync(captured.WithHeader("Authorization", "Bearer someone.elses.token"));
        AssertRefused(status, body, "UNSIGNED_REQUEST");
    }

    [Fact]
    public async Task A_captured_request_replayed_after_the_window_is_refused_as_expired()
    {
        var marker = Marker();
        var captured = await CaptureSqlAsync($"select '{marker}' as m");
        var (status, body) = await platform.Relay.ReplayAsync(captured);
        Assert.True(status == 200, $"{status} {body}");

        var wait = captured.At + InternalRequestSigner.DefaultWindow + TimeSpan.FromSeconds(1.5) - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }

        (status, body) = await platform.Relay.ReplayAsync(captured);
        AssertRefused(status, body, "SIGNATURE_EXPIRED");
    }

    [Fact]
    public async Task Large_and_chunked_bodies_are_signed_whole_and_served()
    {
        // Over the 64 KiB the gateway used to stream unread, once with a length and once chunked (no length):
        // the gateway reads both whole to sign them.
        var text = new string('y', 200 * 1024);
        var json = JsonSerializer.Serialize(new { query = "select length($1) as n", @params = new[] { text } });
        foreach (var chunked in new[] { false, true })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, platform.GatewayUrl + "/sql");
            request.Headers.Add("X-Api-Key", platform.ProjectA.ServiceKey.Key);
            var bytes = Encoding.UTF8.GetBytes(json);
            request.Content = chunked ? new StreamContent(new UnknownLengthStream(bytes)) : new ByteArrayContent(bytes);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await GatewayClient.Http.SendAsync(request);
            var answer = await response.Content.ReadAsStringAsync();
            Assert.True((int)response.StatusCode == 200 && answer.Contains("204800", StringComparison.Ordinal), $"chunked={chunked}: {(int)response.StatusCode} {answer}");
        }
    }

    private static string Marker() => "m" + Guid.NewGuid().ToString("N")[..12];

    private async Task<CapturedRequest> CaptureSqlAsync(string sql)
    {
        var (status, body, _) = await GatewayClient.PostJsonAsync(platform.GatewayUrl + "/sql", JsonSerializer.Serialize(new { query = sql }), platform.ProjectA.ServiceKey.Key);
        Assert.True(status == 200, body.ToString());
        return Find(c => c.Method == "POST" && c.BodyText.Contains(sql.Split('\'')[1], StringComparison.Ordinal));
    }

    private CapturedRequest Find(Func<CapturedRequest, bool> match) =>
        platform.Relay.Captured.LastOrDefault(match) ?? throw new InvalidOperationException("the gateway's request was not captured on its way to the silo");

    private static void AssertRefused(int status, string body, string code)
    {
        Assert.True(status == 401, $"{status} {body}");
        Assert.Contains($"\"{code}\"", body, StringComparison.Ordinal);
    }

    /// <summary>A body whose length HttpClient cannot know, so it is sent chunked.</summary>
    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
