using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Platform.EndToEnd.Tests.Fixtures;
using Xunit;

namespace Platform.EndToEnd.Tests.Gateway;

/// <summary>
/// What the gateway forwards and how it matches its endpoints, against <see cref="FakeSilo"/>, which answers with the
/// length and SHA-256 of the body that reached it.
/// </summary>
public sealed class GatewayForwardingTests(WebSocketPlatform platform) : IClassFixture<WebSocketPlatform>
{
    private string Gateway => platform.GatewayUrls[0];

    [Theory]
    [InlineData(1)]
    [InlineData(30)]
    [InlineData(64 * 1024)] // the largest body read whole and sent with its headers in one write
    [InlineData((64 * 1024) + 1)] // the smallest one streamed
    [InlineData(300_000)]
    public async Task Bodies_reach_the_silo_byte_for_byte_whether_read_whole_or_streamed(int size)
    {
        var project = await platform.NewProjectAsync();
        var bytes = RandomNumberGenerator.GetBytes(size);
        using var request = new HttpRequestMessage(HttpMethod.Post, Gateway + "/graphql") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/graphql-response+json; charset=utf-8");
        request.Headers.Add("X-Api-Key", project.AnonKey.Key);

        var echo = await SendAsync(request);

        Assert.Equal(size, echo.GetProperty("bodyLength").GetInt64());
        Assert.Equal(Convert.ToHexString(SHA256.HashData(bytes)), echo.GetProperty("bodySha256").GetString());
        Assert.Equal("application/graphql-response+json; charset=utf-8", echo.GetProperty("contentType").GetString());
    }

    [Fact]
    public async Task The_silo_gets_the_clients_headers_but_not_the_key_and_no_trace_or_forwarding_headers_when_traces_are_not_exported()
    {
        var project = await platform.NewProjectAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, Gateway + "/graphql") { Content = new StringContent("""{"query":"{ __typename }"}""", Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Api-Key", project.AnonKey.Key);
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer end-user-token");

        var echo = await SendAsync(request);

        Assert.Equal("Bearer end-user-token", echo.GetProperty("authorization").GetString());
        Assert.Equal("", echo.GetProperty("apiKey").GetString());
        Assert.Equal("", echo.GetProperty("traceparent").GetString());
        Assert.Equal("", echo.GetProperty("forwardedFor").GetString());
    }

    [Fact]
    public async Task A_body_without_a_content_length_is_streamed_through_whole()
    {
        var project = await platform.NewProjectAsync();
        var bytes = RandomNumberGenerator.GetBytes(10_000);
        using var request = new HttpRequestMessage(HttpMethod.Post, Gateway + "/graphql") { Content = new StreamContent(new UnknownLengthStream(bytes)) };
        request.Headers.Add("X-Api-Key", project.AnonKey.Key);

        var echo = await SendAsync(request);

        Assert.Null(request.Content.Headers.ContentLength);
        Assert.Equal(bytes.Length, echo.GetProperty("bodyLength").GetInt64());
        Assert.Equal(Convert.ToHexString(SHA256.HashData(bytes)), echo.GetProperty("bodySha256").GetString());
    }

    [Theory]
    [InlineData("PUT", "/graphql", "GET, POST")]
    [InlineData("DELETE", "/graphql", "GET, POST")]
    [InlineData("GET", "/sql", "POST")]
    [InlineData("PATCH", "/projects/{project}/sql", "POST")]
    public async Task Other_methods_get_405_in_the_gateway_error_shape(string method, string path, string allow)
    {
        var project = await platform.NewProjectAsync();
        using var request = new HttpRequestMessage(new HttpMethod(method), Gateway + path.Replace("{project}", project.Id.ToString(), StringComparison.Ordinal));
        request.Headers.Add("X-Api-Key", project.ServiceKey.Key);
        using var response = await GatewayClient.Http.SendAsync(request);

        Assert.Equal(405, (int)response.StatusCode);
        Assert.Equal(allow, string.Join(", ", response.Content.Headers.Allow));
        var error = GatewayClient.Parse(await response.Content.ReadAsStringAsync()).GetProperty("error");
        Assert.Equal("METHOD_NOT_ALLOWED", error.GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("/GraphQL")]
    [InlineData("/graphql/")]
    [InlineData("/Projects/{project}/GRAPHQL/")]
    public async Task Endpoints_match_without_regard_to_case_or_a_trailing_slash(string path)
    {
        var project = await platform.NewProjectAsync();
        var (status, body, _) = await GatewayClient.GraphQLAsync(Gateway, project.AnonKey.Key, path: path.Replace("{project}", project.Id.ToString(), StringComparison.Ordinal));
        Assert.Equal(200, status);
        Assert.Equal($"/internal/projects/{project.Id}/graphql", body.GetProperty("path").GetString());
    }

    [Fact]
    public async Task Other_paths_are_not_found_and_not_forwarded()
    {
        var project = await platform.NewProjectAsync();
        foreach (var path in new[] { "/graphqlx", "/projects/graphql", $"/projects/{project.Id}/graphql/more", "/sql/x" })
        {
            var (status, _, _) = await GatewayClient.GraphQLAsync(Gateway, project.AnonKey.Key, path: path);
            Assert.True(status == 404, $"{path}: {status}");
        }
    }

    [Fact]
    public async Task A_client_that_stops_mid_body_reaches_no_silo_and_the_gateway_serves_on()
    {
        var project = await platform.NewProjectAsync();
        using (var client = await StartPartialPostAsync(project.AnonKey.Key, contentLength: 100))
        {
            // Nine bytes of the hundred announced, then the client stops: it is gone, so nobody gets an answer.
            using var reader = new StreamReader(client.GetStream(), Encoding.ASCII);
            client.Client.Shutdown(SocketShutdown.Send);
            Assert.Equal("", await NoAnswerAsync(reader));
        }

        // The body is read whole before anything is sent upstream, so the silo never saw a request it could not finish.
        Assert.False(platform.Silo.Requests.ContainsKey(project.Id));
        Assert.Equal(200, (await GatewayClient.GraphQLAsync(Gateway, project.AnonKey.Key)).Status);
        Assert.Equal(1, platform.Silo.Requests[project.Id]);
    }

    [Fact]
    public async Task A_client_trickling_its_body_gets_408_body_timeout_and_reaches_no_silo()
    {
        var project = await platform.NewProjectAsync();
        using var client = await StartPartialPostAsync(project.AnonKey.Key, contentLength: 10000);

        // Then silence, with the connection open: Kestrel's minimum body rate (240 B/s after a 5 s grace) ends it.
        using var reader = new StreamReader(client.GetStream(), Encoding.ASCII);
        var answer = await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.StartsWith("HTTP/1.1 408", answer, StringComparison.Ordinal);
        Assert.Contains("\"BODY_TIMEOUT\"", answer, StringComparison.Ordinal);
        Assert.False(platform.Silo.Requests.ContainsKey(project.Id));
    }

    [Fact]
    public async Task A_malformed_chunked_body_gets_400_invalid_body_not_a_data_plane_failure()
    {
        var project = await platform.NewProjectAsync();
        var gateway = new Uri(Gateway);
        using var client = new TcpClient();
        await client.ConnectAsync(gateway.Host, gateway.Port);
        // One good chunk, then a chunk size that is not hexadecimal.
        var request = $"POST /graphql HTTP/1.1\r\nHost: {gateway.Authority}\r\nX-Api-Key: {project.AnonKey.Key}\r\n"
            + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{\"que\r\nzz\r\nbroken\r\n0\r\n\r\n";
        await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes(request));

        using var reader = new StreamReader(client.GetStream(), Encoding.ASCII);
        var answer = await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(20));

        Assert.StartsWith("HTTP/1.1 400", answer, StringComparison.Ordinal);
        Assert.Contains("\"INVALID_BODY\"", answer, StringComparison.Ordinal);
    }

    /// <summary>
    /// What came back before the connection ended. Kestrel ends a connection whose client left mid-body with a FIN or,
    /// when the gateway's refusal was already queued as it closed, a reset: either way the client got no answer.
    /// </summary>
    private static async Task<string> NoAnswerAsync(StreamReader reader)
    {
        try
        {
            return await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (IOException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionReset })
        {
            return "";
        }
    }

    /// <summary>A raw connection that has sent a POST announcing <paramref name="contentLength"/> bytes and only the first nine.</summary>
    private async Task<TcpClient> StartPartialPostAsync(string key, int contentLength)
    {
        var gateway = new Uri(Gateway);
        var client = new TcpClient();
        await client.ConnectAsync(gateway.Host, gateway.Port);
        var head = $"POST /graphql HTTP/1.1\r\nHost: {gateway.Authority}\r\nX-Api-Key: {key}\r\n"
            + $"Content-Type: application/json\r\nContent-Length: {contentLength}\r\n\r\n{{\"query\":";
        await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes(head));
        return client;
    }

    private static async Task<JsonElement> SendAsync(HttpRequestMessage request)
    {
        using var response = await GatewayClient.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return GatewayClient.Parse(text);
    }

    /// <summary>A stream that cannot say its length, so HttpClient sends the body chunked.</summary>
    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
