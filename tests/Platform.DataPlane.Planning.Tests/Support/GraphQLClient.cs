using System.Text;
using System.Text.Json;
using Npgsql;
using Platform.DataPlane.Execution;

namespace Platform.DataPlane.Planning.Tests.Support;

/// <summary>Sends requests straight to a <see cref="GraphQLService"/> the way the grain does, and decodes the answers.</summary>
public sealed class GraphQLClient(GraphQLService service, NpgsqlDataSource dataSource)
{
    public GraphQLService Service => service;

    public Task<GraphQLHttpResponse> PostRawAsync(string body, string? accept = null, string contentType = "application/json") =>
        service.ExecuteAsync(dataSource, new GraphQLHttpRequest("POST", contentType, accept, Encoding.UTF8.GetBytes(body), null), CancellationToken.None);

    public Task<GraphQLHttpResponse> PostAsync(string query, object? variables = null, string? operationName = null, string? accept = null) =>
        PostRawAsync(JsonSerializer.Serialize(new { query, variables, operationName }), accept);

    public Task<GraphQLHttpResponse> GetAsync(string queryString, string? accept = null) =>
        service.ExecuteAsync(dataSource, new GraphQLHttpRequest("GET", null, accept, ReadOnlyMemory<byte>.Empty, queryString), CancellationToken.None);

    /// <summary>Posts and returns the parsed body, asserting nothing about the status.</summary>
    public async Task<JsonElement> QueryAsync(string query, object? variables = null)
    {
        var response = await PostAsync(query, variables);
        return Json(response);
    }

    /// <summary>Posts as a session (role and claims, as the grain passes an end-user JWT's) and returns the parsed body.</summary>
    public async Task<JsonElement> QueryAsync(string query, object? variables, GraphQLSession? session)
    {
        var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { query, variables }));
        return Json(await service.ExecuteAsync(dataSource, new GraphQLHttpRequest("POST", "application/json", null, body, null), session, CancellationToken.None));
    }

    public static JsonElement Json(GraphQLHttpResponse response)
    {
        using var doc = JsonDocument.Parse(response.Body);
        return doc.RootElement.Clone();
    }

    public static string Text(GraphQLHttpResponse response) => Encoding.UTF8.GetString(response.Body);
}
