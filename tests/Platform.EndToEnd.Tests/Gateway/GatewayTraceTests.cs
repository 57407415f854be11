using Platform.EndToEnd.Tests.Fixtures;
using Xunit;

namespace Platform.EndToEnd.Tests.Gateway;

/// <summary>One GraphQL request through real gateway and silo processes makes one trace, read back from their OTLP export.</summary>
public sealed class GatewayTraceTests(TracedPlatform platform) : IClassFixture<TracedPlatform>
{
    private const int Server = 2;

    [Fact]
    public async Task A_graphql_request_yields_one_trace_from_the_gateway_through_the_silo_to_postgresql()
    {
        // Activation (introspection) first, so the traced request is an ordinary one.
        await Polling.UntilAsync(async () => (await GatewayClient.GraphQLAsync(GatewayUrl, platform.Project.AnonKey.Key, Query)).Status == 200,
            TimeSpan.FromSeconds(30), "project answers");

        var requestId = "trace-test-" + Guid.NewGuid().ToString("N");
        using (var request = new HttpRequestMessage(HttpMethod.Post, GatewayUrl + "/graphql")
        {
            Content = new StringContent(System.Text.Json.JsonSerializer.Serialize(new { query = Query }), System.Text.Encoding.UTF8, "application/json"),
        })
        {
            request.Headers.Add("X-Api-Key", platform.Project.AnonKey.Key);
            request.Headers.Add("X-Request-Id", requestId);
            using var response = await GatewayClient.Http.SendAsync(request);
            Assert.Equal(200, (int)response.StatusCode);
        }

        ReceivedSpan? gateway = null;
        List<ReceivedSpan> trace = [];
        ReceivedSpan? silo = null;
        ReceivedSpan? sql = null;
        var found = Polling.UntilAsync(() =>
        {
            var spans = platform.Receiver.Spans.ToList();
            gateway = spans.FirstOrDefault(s => s.Service == "gateway" && s.Kind == Server && s.Attributes.GetValueOrDefault("http.request_id") == requestId);
            if (gateway is null)
            {
                return Task.FromResult(false);
            }

            trace = spans.Where(s => s.TraceId == gateway.TraceId).ToList();
            silo = trace.FirstOrDefault(s => s.Service == "data-plane-silo" && s.Kind == Server && s.Scope == "Microsoft.AspNetCore" && s.Name.Contains("/graphql", StringComparison.Ordinal) && IsDescendant(trace, s, gateway));
            sql = silo is null ? null : trace.FirstOrDefault(s => s.Service == "data-plane-silo" && s.Scope == "Npgsql" && IsDescendant(trace, s, silo));
            return Task.FromResult(sql is not null);
        }, TimeSpan.FromSeconds(20), "gateway, silo and Npgsql spans in one trace");
        var timedOut = await Record.ExceptionAsync(() => found);
        Assert.True(timedOut is null, Describe(gateway is null ? platform.Receiver.Spans.ToList() : trace));

        Assert.Equal(gateway!.TraceId, silo!.TraceId);
        Assert.Equal(gateway.TraceId, sql!.TraceId);
        Assert.Contains("/graphql", silo.Name, StringComparison.Ordinal);

        // The gateway's lookup of the hosting silo, started by this request's cache miss, is its own background work.
        Assert.DoesNotContain(trace, s => s.Name.Contains("/status", StringComparison.Ordinal));

        // The statement belongs to the silo's request whichever way the grain served it: on the request's own thread
        // when this silo holds the activation (decision 0060), or through an Orleans call, whose spans then sit between.
        Assert.True(IsDescendant(trace, sql, silo));
        Assert.All(trace.Where(s => s.Scope == "Microsoft.Orleans.Application" && IsDescendant(trace, sql, s)), s => Assert.True(IsDescendant(trace, s, silo)));
    }

    [Fact]
    public async Task A_key_in_the_query_string_or_a_header_appears_in_no_gateway_log_line_and_no_span()
    {
        var key = platform.Project.AnonKey.Key;
        await Polling.UntilAsync(async () => (await GatewayClient.GraphQLAsync(GatewayUrl, key, Query)).Status == 200,
            TimeSpan.FromSeconds(30), "project answers");

        var ids = new List<string>();
        var query = Uri.EscapeDataString(Query);
        foreach (var url in new[] { $"/graphql?query={query}&api_key={key}", $"/graphql?API_KEY={key}&query={query}", $"/graphql?query={query}" })
        {
            var id = "key-test-" + Guid.NewGuid().ToString("N");
            ids.Add(id);
            using var request = new HttpRequestMessage(HttpMethod.Get, GatewayUrl + url);
            request.Headers.Add("X-Request-Id", id);
            if (!url.Contains(key, StringComparison.Ordinal))
            {
                request.Headers.Add("X-Api-Key", key);
            }

            using var response = await GatewayClient.Http.SendAsync(request);
            Assert.Equal(200, (int)response.StatusCode);
        }

        List<ReceivedSpan> served = [];
        await Polling.UntilAsync(() =>
        {
            served = platform.Receiver.Spans.Where(s => s.Service == "gateway" && s.Kind == Server && ids.Contains(s.Attributes.GetValueOrDefault("http.request_id") ?? "")).ToList();
            return Task.FromResult(served.Count == ids.Count);
        }, TimeSpan.FromSeconds(20), "the gateway's spans of the three requests");

        // The query is still recorded, with the key's value replaced.
        Assert.Contains(served, s => s.Attributes.GetValueOrDefault("url.query") is { } q && q.Contains("api_key=REDACTED", StringComparison.Ordinal));
        var secret = key[ApiKeySecretPrefixLength..];
        Assert.DoesNotContain(platform.Receiver.Spans.ToList(), s => s.Attributes.Values.Any(v => v.Contains(secret, StringComparison.Ordinal)));
        Assert.DoesNotContain(secret, platform.Hosts.Gateway.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, platform.Hosts.Silos[0].Output, StringComparison.Ordinal);
    }

    /// <summary>"pk_a_": what follows is the key's secret part.</summary>
    private const int ApiKeySecretPrefixLength = 5;

    /// <summary>The spans received, as a tree per trace, for a failure message.</summary>
    private static string Describe(List<ReceivedSpan> spans) =>
        $"{spans.Count} spans:\n" + string.Join("\n", spans.Select(s =>
            $"{s.TraceId[..8]} {s.SpanId} <- {(s.ParentSpanId.Length > 0 ? s.ParentSpanId : "root")} {s.Service} [{s.Scope}] kind={s.Kind} {s.Name}"));

    private const string Query = "{ allItems { nodes { id name } } }";

    private string GatewayUrl => platform.Hosts.Gateway.Url;

    /// <summary>Walks parent ids within the trace: true when <paramref name="ancestor"/> is above <paramref name="span"/>.</summary>
    private static bool IsDescendant(List<ReceivedSpan> trace, ReceivedSpan span, ReceivedSpan ancestor)
    {
        var byId = trace.GroupBy(s => s.SpanId).ToDictionary(g => g.Key, g => g.First());
        for (var current = span; current.ParentSpanId.Length > 0 && byId.TryGetValue(current.ParentSpanId, out var parent); current = parent)
        {
            if (parent.SpanId == ancestor.SpanId)
            {
                return true;
            }
        }

        return false;
    }
}
