using System.Text.Json;
using Platform.ControlPlane.Auth;

namespace Platform.ControlPlane.Api;

/// <summary>Small helpers every endpoint uses: who calls, the request's public base URL, strict body reading.</summary>
public static class Http
{
    public static Task<Caller> CallerAsync(this HttpContext http) =>
        http.RequestServices.GetRequiredService<CallerResolver>().RequireAsync(http);

    /// <summary>This host's URL as the caller sees it (webhook URLs are built from it).</summary>
    public static string BaseUrl(this HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";

    /// <summary>Reads a JSON object body; a missing or malformed body is 400 VALIDATION_FAILED naming "body".</summary>
    public static async Task<JsonElement> JsonBodyAsync(this HttpRequest request)
    {
        try
        {
            using var doc = await JsonDocument.ParseAsync(request.Body, default, request.HttpContext.RequestAborted);
            return doc.RootElement.ValueKind == JsonValueKind.Object
                ? doc.RootElement.Clone()
                : throw ApiException.Invalid("body", "must be a JSON object");
        }
        catch (JsonException e)
        {
            throw ApiException.Invalid("body", "is not valid JSON: " + e.Message);
        }
    }

    public static string? OptionalString(this JsonElement body, string name, int maxLength = 1000)
    {
        if (!body.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (v.ValueKind != JsonValueKind.String)
        {
            throw ApiException.Invalid(name, "must be a string");
        }

        var s = v.GetString()!;
        return s.Length <= maxLength ? s : throw ApiException.Invalid(name, $"must be at most {maxLength} characters");
    }

    public static string RequiredString(this JsonElement body, string name, int maxLength = 1000) =>
        body.OptionalString(name, maxLength) is { Length: > 0 } s ? s : throw ApiException.Invalid(name, "is required");

    public static DateTimeOffset? OptionalTime(this JsonElement body, string name)
    {
        if (body.OptionalString(name, 100) is not { } s)
        {
            return null;
        }

        return DateTimeOffset.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var t)
            ? t.ToUniversalTime()
            : throw ApiException.Invalid(name, "must be an ISO 8601 date and time");
    }

    public static Guid ParseGuid(this JsonElement body, string name) =>
        Guid.TryParse(body.RequiredString(name, 100), out var g) ? g : throw ApiException.Invalid(name, "must be a UUID");
}
