using System.Text.Json;
using Platform.ServiceDefaults.InternalAuth;

namespace Platform.EndToEnd.Tests.Fixtures;

/// <summary>Calls a silo's internal endpoints the way the gateway does, with signed headers.</summary>
public sealed class SignedSiloClient(string internalSecret)
{
    private readonly InternalRequestSigner signer = new(internalSecret);

    public async Task<(int Status, JsonElement Body)> GetAsync(string siloUrl, Guid projectId, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, siloUrl + path);
        foreach (var (name, value) in signer.Headers(projectId.ToString(), "service", "GET", path, "", "", [], DateTimeOffset.UtcNow))
        {
            request.Headers.Add(name, value);
        }

        using var response = await GatewayClient.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, GatewayClient.Parse(text));
    }

    /// <summary>POSTs JSON to a silo's internal surface as the gateway would, bypassing the gateway's own limits.</summary>
    public async Task<(int Status, JsonElement Body, bool RetryAfter)> PostAsync(string siloUrl, Guid projectId, string surface, string json, string role = "service")
    {
        var path = $"/internal/projects/{projectId}/{surface}";
        var body = System.Text.Encoding.UTF8.GetBytes(json);
        using var request = new HttpRequestMessage(HttpMethod.Post, siloUrl + path)
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") { CharSet = "utf-8" } } },
        };
        foreach (var (name, value) in signer.Headers(projectId.ToString(), role, "POST", path, "", "", body, DateTimeOffset.UtcNow))
        {
            request.Headers.Add(name, value);
        }

        using var response = await GatewayClient.Http.SendAsync(request);
        return ((int)response.StatusCode, GatewayClient.Parse(await response.Content.ReadAsStringAsync()), response.Headers.RetryAfter is not null);
    }

    public async Task<string> HostingSiloAsync(string siloUrl, Guid projectId)
    {
        var (status, body) = await GetAsync(siloUrl, projectId, $"/internal/projects/{projectId}/status");
        return status == 200 ? body.GetProperty("siloAddress").GetString()! : throw new InvalidOperationException($"status {status}: {body}");
    }
}
