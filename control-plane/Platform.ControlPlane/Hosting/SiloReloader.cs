using System.Globalization;
using Platform.Metadata.Silos;
using Platform.ServiceDefaults.InternalAuth;

namespace Platform.ControlPlane.Hosting;

/// <summary>
/// Asks the data plane to re-read a project now (after a deployment, a settings or connection change) through a
/// live silo's signed reload endpoint; Orleans routes the call to wherever the project's grain lives. Best effort:
/// with no silo up there is nothing active to reload, and silos that start later read the new state anyway.
/// </summary>
public sealed class SiloReloader(SiloRegistry silos, IHttpClientFactory http, IConfiguration configuration, ILogger<SiloReloader> log)
{
    public async Task<bool> ReloadAsync(Guid projectId, CancellationToken ct = default)
    {
        if (configuration["Platform:InternalSecret"] is not { Length: >= 16 } secret)
        {
            log.LogWarning("Platform:InternalSecret is not set: project {ProjectId} is not reloaded", projectId);
            return false;
        }

        var signer = new InternalRequestSigner(secret);
        foreach (var silo in await silos.ListLiveAsync(ct))
        {
            var path = $"/internal/projects/{projectId}/reload";
            var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            using var request = new HttpRequestMessage(HttpMethod.Post, silo.HttpUrl.TrimEnd('/') + path);
            request.Headers.Add(InternalHeaders.ProjectId, projectId.ToString());
            request.Headers.Add(InternalHeaders.KeyRole, "service");
            request.Headers.Add(InternalHeaders.Timestamp, ts.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add(InternalHeaders.Signature, signer.Sign(projectId.ToString(), "service", ts, "POST", path));
            try
            {
                using var response = await http.CreateClient(nameof(SiloReloader)).SendAsync(request, ct);
                if (response.IsSuccessStatusCode)
                {
                    return true;
                }

                log.LogWarning("Reloading project {ProjectId} through {Silo} answered {Status}", projectId, silo.HttpUrl, (int)response.StatusCode);
            }
            catch (HttpRequestException e)
            {
                log.LogWarning("Reloading project {ProjectId} through {Silo} failed: {Error}", projectId, silo.HttpUrl, e.Message);
            }
        }

        return false;
    }
}
