using System.Text.Json;

namespace Platform.DataPlane.Execution.Http;

/// <summary>The GraphQL request parameters, from a JSON body or a GET query string.</summary>
internal sealed record GraphQLRequestBody(string Query, string? OperationName, JsonElement? Variables);
