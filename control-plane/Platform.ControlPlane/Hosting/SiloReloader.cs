using Platform.Metadata.Silos;
using Platform.ServiceDefaults.InternalAuth;

namespace Platform.ControlPlane.Hosting;

/// <summary>
/// Asks the data plane to re-read a project now (after a deployment, a settings or connection change) through a
/// live silo's signed reload endpoint; Orleans routes the call to wherever the project's grain lives. Best effort:
/// with no silo up there is nothing active to reload, and silos that start later read the new state anyway. Signs with
/// the shared registration (<see cref="InternalSigningServices.AddInternalSigning"/>), whose options are checked at start.
/// </summary>
public sealed class SiloReloader(SiloRegistry silos, IHttpClientFactory http, InternalRequestSigner signer, ILogger<SiloReloader> log)
{
    public async Task<bool> ReloadAsync(Guid projectId, CancellationToken ct = default)
    {
        foreach (var silo in await silos.ListLiveAsync(ct))
        {
            var path = $"/internal/projects/{projectId}/reload";
            using var request = new HttpRequestMessage(HttpMethod.Post, silo.HttpUrl.TrimEnd('/') + path);
            foreach (var (name, value) in signer.Headers(projectId.ToString(), "service", "POST", path, "", "", [], DateTimeOffset.UtcNow))
            {
                request.Headers.Add(name, value);
            }

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
