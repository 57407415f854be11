using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Platform.EndToEnd.Tests.Fixtures;

/// <summary>Sends what an app sends: JSON bodies with an X-Api-Key header.</summary>
public static class GatewayClient
{
    public static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public static async Task<(int Status, JsonElement Body, HttpResponseMessage Response)> PostJsonAsync(string url, string json, string? apiKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        if (apiKey is not null)
        {
            request.Headers.Add("X-Api-Key", apiKey);
        }

        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var body = Parse(text);
        return ((int)response.StatusCode, body, response);
    }

    /// <summary>JSON bodies parsed; anything else (which the platform should never send) kept as a JSON string to show in failures.</summary>
    public static JsonElement Parse(string text)
    {
        if (text.Length == 0)
        {
            return default;
        }

        try
        {
            return JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement("NOT JSON: " + text);
        }
    }

    public static Task<(int Status, JsonElement Body, HttpResponseMessage Response)> GraphQLAsync(string baseUrl, string? apiKey, string query = "{ __typename }", string path = "/graphql") =>
        PostJsonAsync(baseUrl + path, JsonSerializer.Serialize(new { query }), apiKey);
}
