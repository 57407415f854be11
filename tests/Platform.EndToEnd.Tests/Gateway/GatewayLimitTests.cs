using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Platform.EndToEnd.Tests.Fixtures;
using Platform.Metadata.Projects;
using Xunit;

namespace Platform.EndToEnd.Tests.Gateway;

/// <summary>The gateway's limits and observability headers, against a real silo and a gateway configured with small limits.</summary>
public sealed class GatewayLimitTests(LimitedGatewayPlatform platform) : IClassFixture<LimitedGatewayPlatform>
{
    [Fact]
    public async Task A_project_over_its_rate_gets_429_with_retry_after_and_other_projects_are_unaffected()
    {
        var busy = await WarmProjectAsync();
        var quiet = await WarmProjectAsync();

        // Burst 10, 2 per second: well within 100 sequential requests the bucket runs dry.
        (int Status, JsonElement Body, HttpResponseMessage Response) limited = default;
        for (var i = 0; i < 100 && limited.Status != 429; i++)
        {
            limited = await GatewayClient.GraphQLAsync(platform.GatewayUrl, busy.AnonKey.Key);
            Assert.True(limited.Status is 200 or 429, $"status {limited.Status}");
        }

        Assert.Equal(429, limited.Status);
        Assert.NotNull(limited.Response);
        Assert.Equal("RATE_LIMITED", limited.Body.GetProperty("error").GetProperty("code").GetString());
        Assert.True(limited.Response!.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), "Retry-After missing");
        Assert.Equal(200, (await GatewayClient.GraphQLAsync(platform.GatewayUrl, quiet.AnonKey.Key)).Status);
        // Metrics are recorded as the gateway finishes a request, which may be just after the client has its answer.
        await Polling.UntilAsync(
            async () => await PrometheusScrape.SumAsync(platform.Hosts.Gateway.ManagementUrl, "platform_gateway_rejections_total", "reason=\"RATE_LIMITED\"", busy.Id.ToString()) >= 1
                && await PrometheusScrape.SumAsync(platform.Hosts.Gateway.ManagementUrl, "platform_gateway_request_duration_seconds_count", "status=\"429\"", busy.Id.ToString()) >= 1
                && await PrometheusScrape.SumAsync(platform.Hosts.Gateway.ManagementUrl, "platform_gateway_request_duration_seconds_count", "status=\"200\"", quiet.Id.ToString()) >= 1,
            TimeSpan.FromSeconds(5), "the rejection and both projects' requests counted by status");
        Assert.Equal(0, await PrometheusScrape.SumAsync(platform.Hosts.Gateway.ManagementUrl, "platform_gateway_request_duration_seconds_count", "status=\"429\"", quiet.Id.ToString()));
    }

    [Fact]
    public async Task Each_project_is_held_to_the_rate_in_its_own_settings_below_or_above_the_gateway_default()
    {
        // The gateway's default here is burst 10 at 2/s; one project asks for less, the other for more.
        var tight = await WarmProjectAsync(new ProjectLimits { RequestsPerSecond = 1, Burst = 3 });
        var roomy = await WarmProjectAsync(new ProjectLimits { RequestsPerSecond = 1000, Burst = 1000 });

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var tightStatuses = new List<int>();
        for (var i = 0; i < 8; i++)
        {
            tightStatuses.Add((await GatewayClient.GraphQLAsync(platform.GatewayUrl, tight.AnonKey.Key)).Status);
        }

        // At most the burst plus what 1/s refilled meanwhile got through, well under the gateway's default burst.
        Assert.Contains(429, tightStatuses);
        Assert.True(tightStatuses.Count(s => s == 200) <= 3 + (int)Math.Ceiling(watch.Elapsed.TotalSeconds), string.Join(",", tightStatuses));

        // Three times the gateway's default burst, back to back, and none is refused.
        for (var i = 0; i < 30; i++)
        {
            var (status, body, _) = await GatewayClient.GraphQLAsync(platform.GatewayUrl, roomy.AnonKey.Key);
            Assert.True(status == 200, $"request {i}: {status} {body}");
        }
    }

    [Fact]
    public async Task Each_project_has_its_own_body_limit_and_a_settings_change_applies_within_the_key_cache_lifetime()
    {
        var small = await WarmProjectAsync(new ProjectLimits { MaxBodyBytes = 4096 });
        var other = await WarmProjectAsync(new ProjectLimits { RequestsPerSecond = 100, Burst = 100 });
        var fiveKiB = PaddedQuery(5 * 1024);

        var refused = await PostWithContinueAsync(small.AnonKey.Key, fiveKiB);
        Assert.Equal(413, refused.Status);
        Assert.Contains("4096", refused.Text, StringComparison.Ordinal);

        // The other project keeps the gateway's default of 1 MiB.
        Assert.Equal(200, (await PostWithContinueAsync(other.AnonKey.Key, fiveKiB)).Status);

        // Lower the other project's limit in its settings: the gateway holds it to the new one once its key entry expires.
        await using (var cmd = platform.Metadata.DataSource.CreateCommand(
            """UPDATE platform.projects SET settings = jsonb_set(settings, '{limits,maxBodyBytes}', '2048') WHERE id = $1"""))
        {
            cmd.Parameters.AddWithValue(other.Id);
            Assert.Equal(1, await cmd.ExecuteNonQueryAsync());
        }

        var took = await Polling.UntilAsync(async () => (await PostWithContinueAsync(other.AnonKey.Key, fiveKiB)).Status == 413,
            TimeSpan.FromSeconds(10), "new body limit applies");
        Assert.True(took < TimeSpan.FromSeconds(6), $"took {took}");
    }

    [Fact]
    public async Task A_settings_change_through_the_project_store_applies_at_once_through_the_key_notifications()
    {
        var project = await WarmProjectAsync(new ProjectLimits { RequestsPerSecond = 100, Burst = 100 });
        var fiveKiB = PaddedQuery(5 * 1024);

        // A request just before the change leaves a fresh cache entry, which would otherwise hold the old limit ~4 s.
        Assert.Equal(200, (await PostWithContinueAsync(project.AnonKey.Key, fiveKiB)).Status);
        var name = await platform.Metadata.ScalarAsync<string>($"SELECT name FROM platform.projects WHERE id = '{project.Id}'");
        var store = new ProjectStore(platform.Metadata.DataSource, Platform.Metadata.Security.SecretProtector.FromBase64(platform.Hosts.MasterKey));
        await store.UpsertAsync(name!, platform.TenantA.ConnectionString, new ProjectSettings { Limits = new ProjectLimits { RequestsPerSecond = 100, Burst = 100, MaxBodyBytes = 2048 } });

        var took = await Polling.UntilAsync(async () => (await PostWithContinueAsync(project.AnonKey.Key, fiveKiB)).Status == 413,
            TimeSpan.FromSeconds(10), "new body limit applies");
        Assert.True(took < TimeSpan.FromSeconds(2), $"took {took}");
    }

    [Fact]
    public async Task Requests_over_the_concurrency_limit_get_429_concurrency_limit()
    {
        var project = await WarmProjectAsync();

        // Three slow statements at once against a limit of two: one is refused at the gateway.
        var calls = Enumerable.Range(0, 3).Select(_ => GatewayClient.PostJsonAsync(
            platform.GatewayUrl + "/sql", """{"query":"select pg_sleep(0.8)"}""", project.ServiceKey.Key)).ToList();
        var results = await Task.WhenAll(calls);
        var refused = results.Where(r => r.Status == 429).ToList();
        Assert.NotEmpty(refused);
        Assert.All(refused, r => Assert.Equal("CONCURRENCY_LIMIT", r.Body.GetProperty("error").GetProperty("code").GetString()));
        Assert.Contains(results, r => r.Status == 200);
    }

    [Fact]
    public async Task A_body_trickled_under_the_projects_minimum_rate_is_cut_and_its_slot_serves_the_next_request()
    {
        // One request slot; bodies must arrive at 2000 B/s or more after the fixture's 2 s grace.
        var project = await WarmProjectAsync(new ProjectLimits { MaxConcurrentRequests = 1, MinBodyBytesPerSecond = 2000, RequestsPerSecond = 100, Burst = 100 });
        var gateway = new Uri(platform.GatewayUrl);
        using var slow = new TcpClient();
        await slow.ConnectAsync(gateway.Host, gateway.Port);
        var stream = slow.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"POST /graphql HTTP/1.1\r\nHost: {gateway.Authority}\r\nX-Api-Key: {project.AnonKey.Key}\r\n"
            + "Content-Type: application/json\r\nContent-Length: 20000\r\n\r\n"));

        // 400 B/s: above Kestrel's own minimum (240 B/s), which alone would let this body hold the slot for 50 s.
        using var stop = new CancellationTokenSource();
        var trickle = Task.Run(async () =>
        {
            var chunk = Encoding.ASCII.GetBytes(new string(' ', 100));
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    await stream.WriteAsync(chunk, stop.Token);
                    await Task.Delay(250, stop.Token);
                }
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
            {
                // Cut off by the gateway, or stopped by the test.
            }
        });

        // The slow body holds the project's one slot (until its grace period has passed, at the earliest).
        await Polling.UntilAsync(async () =>
        {
            var (status, body, _) = await GatewayClient.GraphQLAsync(platform.GatewayUrl, project.AnonKey.Key);
            return status == 429 && body.GetProperty("error").GetProperty("code").GetString() == "CONCURRENCY_LIMIT";
        }, TimeSpan.FromSeconds(2), "the slow body's request holds the slot");

        using var reader = new StreamReader(stream, Encoding.ASCII);
        var answer = await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(20));
        await stop.CancelAsync();
        await trickle;
        Assert.StartsWith("HTTP/1.1 408", answer, StringComparison.Ordinal);
        Assert.Contains("\"BODY_TIMEOUT\"", answer, StringComparison.Ordinal);
        Assert.Equal(200, (await GatewayClient.GraphQLAsync(platform.GatewayUrl, project.AnonKey.Key)).Status);
    }

    [Fact]
    public async Task A_silo_silent_past_the_upstream_timeout_gives_504_upstream_timeout()
    {
        var project = await WarmProjectAsync();
        // The gateway waits 5 s here; the statement would take 8 (under the silo's own 10 s statement timeout).
        var (status, body, _) = await GatewayClient.PostJsonAsync(platform.GatewayUrl + "/sql", """{"query":"select pg_sleep(8)"}""", project.ServiceKey.Key);
        Assert.Equal(504, status);
        Assert.Equal("UPSTREAM_TIMEOUT", body.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Oversized_body_url_and_headers_get_json_errors()
    {
        var key = (await WarmProjectAsync()).AnonKey.Key;
        var big = JsonSerializer.Serialize(new { query = "{ __typename }", variables = new { pad = new string('x', (1 << 20) + 10) } });
        using (var large = new HttpRequestMessage(HttpMethod.Post, platform.GatewayUrl + "/graphql") { Content = new StringContent(big, System.Text.Encoding.UTF8, "application/json") })
        {
            // With Expect: 100-continue the client waits for the verdict before sending the megabyte, so the answer is read reliably.
            large.Headers.ExpectContinue = true;
            large.Headers.Add("X-Api-Key", key);
            using var tooLarge = await GatewayClient.Http.SendAsync(large);
            Assert.Equal(413, (int)tooLarge.StatusCode);
            Assert.Equal("BODY_TOO_LARGE", GatewayClient.Parse(await tooLarge.Content.ReadAsStringAsync()).GetProperty("error").GetProperty("code").GetString());
        }

        var url = await GatewayClient.PostJsonAsync(platform.GatewayUrl + "/graphql?pad=" + new string('u', 3000), """{"query":"{ __typename }"}""", key);
        Assert.Equal(414, url.Status);
        Assert.Equal("URI_TOO_LONG", url.Body.GetProperty("error").GetProperty("code").GetString());

        using var request = new HttpRequestMessage(HttpMethod.Post, platform.GatewayUrl + "/graphql")
        {
            Content = new StringContent("""{"query":"{ __typename }"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Api-Key", key);
        request.Headers.Add("X-Padding", new string('h', 5000));
        using var response = await GatewayClient.Http.SendAsync(request);
        Assert.Equal(431, (int)response.StatusCode);
        Assert.Equal("HEADERS_TOO_LARGE", GatewayClient.Parse(await response.Content.ReadAsStringAsync()).GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Request_id_is_kept_or_made_and_server_timing_names_both_hops()
    {
        var key = (await WarmProjectAsync()).AnonKey.Key;
        using var request = new HttpRequestMessage(HttpMethod.Post, platform.GatewayUrl + "/graphql")
        {
            Content = new StringContent("""{"query":"{ __typename }"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Api-Key", key);
        request.Headers.Add("X-Request-Id", "client-chosen-id.42");
        using var response = await GatewayClient.Http.SendAsync(request);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("client-chosen-id.42", response.Headers.GetValues("X-Request-Id").Single());
        var timing = response.Headers.GetValues("Server-Timing").Single();
        Assert.Matches(@"^gw;dur=[0-9.]+, upstream;dur=[0-9.]+$", timing);

        // An unsafe id is replaced, and a gateway refusal still carries an id and its own timing.
        using var bad = new HttpRequestMessage(HttpMethod.Post, platform.GatewayUrl + "/graphql");
        bad.Headers.TryAddWithoutValidation("X-Request-Id", "has spaces and <tags>");
        using var refused = await GatewayClient.Http.SendAsync(bad);
        Assert.Equal(401, (int)refused.StatusCode);
        var id = refused.Headers.GetValues("X-Request-Id").Single();
        Assert.Matches("^[A-Za-z0-9._:-]{8,128}$", id);
        Assert.Matches(@"^gw;dur=[0-9.]+$", refused.Headers.GetValues("Server-Timing").Single());

        // Made ids differ from request to request.
        var made = new HashSet<string> { id };
        for (var i = 0; i < 20; i++)
        {
            using var again = await GatewayClient.Http.PostAsync(platform.GatewayUrl + "/graphql", null);
            Assert.True(made.Add(again.Headers.GetValues("X-Request-Id").Single()));
        }
    }

    private static string PaddedQuery(int bytes) => JsonSerializer.Serialize(new { query = "{ __typename }", variables = new { pad = new string('x', bytes) } });

    private async Task<(int Status, string Text)> PostWithContinueAsync(string key, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, platform.GatewayUrl + "/graphql")
        {
            Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
        };

        // With Expect: 100-continue the client waits for the verdict before sending the body, so a 413 is read reliably.
        request.Headers.ExpectContinue = true;
        request.Headers.Add("X-Api-Key", key);
        using var response = await GatewayClient.Http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>A new project whose grain is active, so its first request's activation cannot meet the short upstream timeout.</summary>
    private async Task<TestProject> WarmProjectAsync(ProjectLimits? limits = null)
    {
        var project = await platform.Hosts.CreateProjectAsync(platform.TenantA.ConnectionString, new ProjectSettings { Limits = limits });
        await Polling.UntilAsync(async () => (await GatewayClient.GraphQLAsync(platform.GatewayUrl, project.ServiceKey.Key)).Status == 200,
            TimeSpan.FromSeconds(30), "project answers");
        return project;
    }
}
