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

    public async Task<string> HostingSiloAsync(string siloUrl, Guid projectId)
    {
        var (status, body) = await GetAsync(siloUrl, projectId, $"/internal/projects/{projectId}/status");
        return status == 200 ? body.GetProperty("siloAddress").GetString()! : throw new InvalidOperationException($"status {status}: {body}");
    }
}
