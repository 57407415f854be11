namespace Platform.Errors;

/// <summary>
/// The control plane's errors as RFC 9457 problem details, <c>application/problem+json</c>: <c>type</c>
/// (<c>about:blank</c>, so <c>title</c> is the status's phrase), <c>status</c>, <c>detail</c> (the message), optional
/// <c>instance</c>, and the extension members <c>code</c>, <c>traceId</c> (finds the request in the logs) and, for
/// invalid input, <c>errors</c> (field path → messages).
/// </summary>
public static class ProblemJson
{
    public const string ContentType = "application/problem+json; charset=utf-8";

    public static RenderedError Render(PlatformError error, string? instance = null, string? traceId = null,
        IReadOnlyDictionary<string, string[]>? fieldErrors = null)
    {
        ArgumentNullException.ThrowIfNull(error);
        var body = ErrorJson.Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("type", "about:blank");
            json.WriteString("title", TitleOf(error.Status));
            json.WriteNumber("status", error.Status);
            json.WriteString("detail", error.Message);
            ErrorJson.Optional(json, "instance", instance);
            json.WriteString("code", error.Code);
            ErrorJson.Optional(json, "traceId", traceId);
            if (fieldErrors is { Count: > 0 })
            {
                json.WritePropertyName("errors");
                json.WriteStartObject();
                foreach (var (field, messages) in fieldErrors)
                {
                    json.WritePropertyName(field);
                    json.WriteStartArray();
                    foreach (var message in messages)
                    {
                        json.WriteStringValue(message);
                    }

                    json.WriteEndArray();
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
        });
        return new RenderedError(error.Status, ContentType, body, error.RetryAfterSeconds, error.Code);
    }

    /// <summary>The HTTP reason phrase, which RFC 9457 asks for as the title of an <c>about:blank</c> problem.</summary>
    public static string TitleOf(int status) => status switch
    {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        408 => "Request Timeout",
        409 => "Conflict",
        410 => "Gone",
        412 => "Precondition Failed",
        413 => "Content Too Large",
        414 => "URI Too Long",
        415 => "Unsupported Media Type",
        422 => "Unprocessable Content",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Error",
    };
}
