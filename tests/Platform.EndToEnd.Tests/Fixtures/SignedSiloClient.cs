using System.Globalization;
using System.Text.Json;
using Platform.ServiceDefaults.InternalAuth;

namespace Platform.EndToEnd.Tests.Fixtures;

/// <summary>Calls a silo's internal endpoints the way the gateway does, with signed headers.</summary>
public sealed class SignedSiloClient(string internalSecret)
{
    private readonly InternalRequestSigner signer = new(internalSecret);

    public async Task<(int Status, JsonElement Body)> GetAsync(string siloUrl, Guid projectId, string path)
    {
        var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Get, siloUrl + path);
        request.Headers.Add(InternalHeaders.ProjectId, projectId.ToString());
        request.Headers.Add(InternalHeaders.KeyRole, "service");
        request.Headers.Add(InternalHeaders.Timestamp, ts.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(InternalHeaders.Signature, signer.Sign(projectId.ToString(), "service", ts, "GET", path));
        using var response = await GatewayClient.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, GatewayClient.Parse(text));
    }

    /// <summary>POSTs JSON to a silo's internal surface as the gateway would, bypassing the gateway's own limits.</summary>
    public async Task<(int Status, JsonElement Body, bool RetryAfter)> PostAsync(string siloUrl, Guid projectId, string surface, string json, string role = "service")
    {
        var path = $"/internal/projects/{projectId}/{surface}";
        var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, siloUrl + path)
        {
            Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(InternalHeaders.ProjectId, projectId.ToString());
        request.Headers.Add(InternalHeaders.KeyRole, role);
        request.Headers.Add(InternalHeaders.Timestamp, ts.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(InternalHeaders.Signature, signer.Sign(projectId.ToString(), role, ts, "POST", path));
        using var response = await GatewayClient.Http.SendAsync(request);
        return ((int)response.StatusCode, GatewayClient.Parse(await response.Content.ReadAsStringAsync()), response.Headers.RetryAfter is not null);
    }

    public async Task<string> HostingSiloAsync(string siloUrl, Guid projectId)
    {
        var (status, body) = await GetAsync(siloUrl, projectId, $"/internal/projects/{projectId}/status");
        return status == 200 ? body.GetProperty("siloAddress").GetString()! : throw new InvalidOperationException($"status {status}: {body}");
    }
}
