using System.Text.Json;
using Platform.DataPlane.Planning.Errors;

namespace Platform.DataPlane.Execution.Http;

/// <summary>Reads the GraphQL parameters out of a POST body or a GET query string, refusing malformed requests with 4xx.</summary>
internal static class HttpRequestReader
{
    /// <summary>The gateway refuses bigger bodies first; this guards hosts that call the service directly.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    public static GraphQLRequestBody Read(GraphQLHttpRequest request)
    {
        if (request.Body.Length > MaxBodyBytes || (request.QueryString?.Length ?? 0) > MaxBodyBytes)
        {
            throw new HttpFailureException(413, ErrorCodes.BodyTooLarge, $"The request is larger than {MaxBodyBytes} bytes.");
        }

        if (string.Equals(request.Method, "GET", StringComparison.OrdinalIgnoreCase))
        {
            return ReadQueryString(request.QueryString);
        }

        if (!string.Equals(request.Method, "POST", StringComparison.OrdinalIgnoreCase))
        {
            throw new HttpFailureException(405, ErrorCodes.MethodNotAllowed, "Only GET and POST are supported.");
        }

        var contentType = request.ContentType?.Split(';')[0].Trim();
        if (!string.Equals(contentType, "application/json", StringComparison.OrdinalIgnoreCase))
        {
            throw new HttpFailureException(415, ErrorCodes.UnsupportedMediaType, "POST requests must use Content-Type application/json.");
        }

        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(request.Body, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            throw new HttpFailureException(400, ErrorCodes.BadRequest, "The body is not valid JSON: " + e.Message);
        }

        using (json)
        {
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new HttpFailureException(400, ErrorCodes.BadRequest, "The body must be a JSON object.");
            }

            var query = root.TryGetProperty("query", out var q) && q.ValueKind == JsonValueKind.String
                ? q.GetString()!
                : throw new HttpFailureException(400, ErrorCodes.BadRequest, "The body has no \"query\" string.");
            string? operationName = null;
            if (root.TryGetProperty("operationName", out var op) && op.ValueKind != JsonValueKind.Null)
            {
                operationName = op.ValueKind == JsonValueKind.String
                    ? op.GetString()
                    : throw new HttpFailureException(400, ErrorCodes.BadRequest, "\"operationName\" must be a string.");
            }

            JsonElement? variables = null;
            if (root.TryGetProperty("variables", out var v) && v.ValueKind != JsonValueKind.Null)
            {
                variables = v.ValueKind == JsonValueKind.Object
                    ? v.Clone()
                    : throw new HttpFailureException(400, ErrorCodes.BadRequest, "\"variables\" must be an object.");
            }

            return new GraphQLRequestBody(query, operationName, variables);
        }
    }

    private static GraphQLRequestBody ReadQueryString(string? queryString)
    {
        var values = QueryStringParser.Parse(queryString);
        if (!values.TryGetValue("query", out var query) || string.IsNullOrEmpty(query))
        {
            throw new HttpFailureException(400, ErrorCodes.BadRequest, "The query string has no \"query\" parameter.");
        }

        values.TryGetValue("operationName", out var operationName);
        JsonElement? variables = null;
        if (values.TryGetValue("variables", out var raw) && !string.IsNullOrEmpty(raw))
        {
            try
            {
                using var doc = JsonDocument.Parse(raw);
                variables = doc.RootElement.ValueKind switch
                {
                    JsonValueKind.Object => doc.RootElement.Clone(),
                    JsonValueKind.Null => null,
                    _ => throw new HttpFailureException(400, ErrorCodes.BadRequest, "\"variables\" must be a JSON object."),
                };
            }
            catch (JsonException e)
            {
                throw new HttpFailureException(400, ErrorCodes.BadRequest, "\"variables\" is not valid JSON: " + e.Message);
            }
        }

        return new GraphQLRequestBody(query, string.IsNullOrEmpty(operationName) ? null : operationName, variables);
    }
}
