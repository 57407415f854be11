namespace Platform.Errors;

/// <summary>The gateway's own refusals (keys, limits, routing, upstream failures): <c>{"error":{"code","message"}}</c>.</summary>
public static class GatewayErrorJson
{
    public static RenderedError Render(PlatformError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var body = ErrorJson.Write(json =>
        {
            json.WriteStartObject();
            json.WritePropertyName("error");
            json.WriteStartObject();
            json.WriteString("code", error.Code);
            json.WriteString("message", error.Message);
            json.WriteEndObject();
            json.WriteEndObject();
        });
        return new RenderedError(error.Status, ErrorJson.JsonContentType, body, error.RetryAfterSeconds, error.Code);
    }
}
