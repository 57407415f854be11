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
        var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return ((int)response.StatusCode, body, response);
    }

    public static Task<(int Status, JsonElement Body, HttpResponseMessage Response)> GraphQLAsync(string baseUrl, string? apiKey, string query = "{ __typename }", string path = "/graphql") =>
        PostJsonAsync(baseUrl + path, JsonSerializer.Serialize(new { query }), apiKey);
}
