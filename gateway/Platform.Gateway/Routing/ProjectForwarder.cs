using System.Diagnostics;
using Microsoft.Extensions.Options;
using Platform.Gateway.Admission;
using Platform.Gateway.Errors;
using Platform.Gateway.Keys;
using Platform.Gateway.Limits;
using Platform.Gateway.Observability;
using Platform.Metadata.Keys;
using Platform.Metadata.Silos;
using Platform.ServiceDefaults.InternalAuth;
using Yarp.ReverseProxy.Forwarder;
using Platform.Errors;

namespace Platform.Gateway.Routing;

/// <summary>
/// Sends an authorised request to a silo with YARP's forwarder: first to the silo that hosts the project's grain,
/// else to any live one. The silo is told the project and key role in signed internal headers; the API key itself
/// never leaves the gateway. A silo that cannot be connected to is skipped and the next one tried, which is safe
/// because such a request never reached a silo; the body, read whole first (BufferedBody), is sent again as it is.
/// </summary>
internal sealed class ProjectForwarder
{

    private readonly IHttpForwarder forwarder;
    private readonly SiloDirectory silos;
    private readonly HostingSiloCache hosting;
    private readonly SiloHttpClient client;
    private readonly SiloRequestTransformer transformer;
    private readonly ForwarderRequestConfig httpConfig;
    private readonly ForwarderRequestConfig socketConfig;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(Guid Project, string Surface, ApiKeyRole Role, string Method), SignedTarget> targets = new();

    public ProjectForwarder(
        IHttpForwarder forwarder, SiloDirectory silos, HostingSiloCache hosting, InternalRequestSigner signer, SiloHttpClient client,
        IOptions<GatewayLimitsOptions> limits)
    {
        this.forwarder = forwarder;
        this.silos = silos;
        this.hosting = hosting;
        this.client = client;
        httpConfig = new ForwarderRequestConfig { ActivityTimeout = limits.Value.UpstreamTimeout };
        socketConfig = new ForwarderRequestConfig { ActivityTimeout = limits.Value.WebSocketIdleTimeout };
        transformer = new SiloRequestTransformer(signer);
    }

    public async Task ForwardAsync(HttpContext http, AdmittedRequest admitted)
    {
        var key = admitted.Key.Record;
        var limits = admitted.Limits;
        var webSocket = admitted.WebSocket;
        var target = targets.GetOrAdd(
            (key.ProjectId, admitted.Surface, key.Role, http.Request.Method),
            static k => new SignedTarget(k.Project.ToString(), k.Role, k.Method, $"/internal/projects/{k.Project}/{k.Surface}"));
        var candidates = Order(key.ProjectId, silos.Candidates());
        BufferedBody? body = null;
        if (!webSocket && BufferedBody.Applies(http.Request))
        {
            body = await ReadBodyAsync(http);
            if (body is null)
            {
                return;
            }
        }

        using var bodyLease = body;
        SiloRequestTransformer.Prepare(http, target, body);

        var state = GatewayRequestState.Of(http);
        var config = webSocket ? socketConfig
            : limits.UpstreamTimeout == httpConfig.ActivityTimeout ? httpConfig
            : httpConfig with { ActivityTimeout = limits.UpstreamTimeout };
        foreach (var silo in candidates)
        {
            using var activity = GatewayTelemetry.Source.StartActivity("gateway.forward", ActivityKind.Internal);
            activity?.SetTag("platform.project", admitted.Key.ProjectId);
            activity?.SetTag("platform.silo", silo.SiloAddress);
            state?.ForwardedAt = Stopwatch.GetTimestamp();
            var error = await forwarder.SendAsync(http, silo.HttpUrl, client.Invoker, config, transformer);
            if (error == ForwarderError.None)
            {
                return;
            }

            activity?.SetStatus(ActivityStatusCode.Error, error.ToString());
            if (error is ForwarderError.Request && !http.Response.HasStarted && IsConnectFailure(http))
            {
                silos.ReportUnreachable(silo);
                hosting.Forget(key.ProjectId);
                http.Response.Clear();
                continue;
            }

            if (!http.Response.HasStarted)
            {
                http.Response.Clear();
                await AnswerFailureAsync(http, error);
            }

            return;
        }

        if (!http.Response.HasStarted)
        {
            await GatewayErrors.WriteAsync(http, ErrorCodes.NoSiloAvailable, "No data-plane silo is reachable.");
        }
    }

    /// <summary>Silos to try for the project, best first (the hosting silo, then any live one).</summary>
    public IReadOnlyList<SiloEndpoint> CandidatesFor(Guid project) => Order(project, silos.Candidates());

    /// <summary>A silo refused a connection: set it aside and forget it as the project's host.</summary>
    public void ReportUnreachable(SiloEndpoint silo, Guid project)
    {
        silos.ReportUnreachable(silo);
        hosting.Forget(project);
    }

    /// <summary>The whole body, or null with the client answered (or gone) when it could not be read.</summary>
    private static async Task<BufferedBody?> ReadBodyAsync(HttpContext http)
    {
        try
        {
            return await BufferedBody.ReadAsync(http.Request, http.RequestAborted);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await GatewayErrors.WriteAsync(http, ErrorCodes.BodyTooLarge, "The request body is over the limit.");
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status408RequestTimeout)
        {
            // Kestrel's minimum body data rate: a client trickling its body holds a slot, so it is cut off.
            await GatewayErrors.WriteAsync(http, ErrorCodes.BodyTimeout, "The request body arrived too slowly.");
        }
        catch (BadHttpRequestException)
        {
            await GatewayErrors.WriteAsync(http, ErrorCodes.InvalidBody, "The request body could not be read.");
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // The client went away; nobody is listening for an answer.
            http.Response.StatusCode = StatusCodes.Status499ClientClosedRequest;
        }

        return null;
    }

    private static Task AnswerFailureAsync(HttpContext http, ForwarderError error)
    {
        if (error is ForwarderError.RequestTimedOut)
        {
            return GatewayErrors.WriteAsync(http, ErrorCodes.UpstreamTimeout, "The data plane did not answer in time; the request was not retried.");
        }

        if (error is ForwarderError.RequestBodyClient && Find<BadHttpRequestException>(http) is { } bad)
        {
            // The client's body failed while streaming to the silo (over the limit, too slow, malformed chunks): the
            // client's fault, answered as when the gateway reads the body itself, never blamed on the data plane.
            return bad.StatusCode switch
            {
                StatusCodes.Status413PayloadTooLarge => GatewayErrors.WriteAsync(http, ErrorCodes.BodyTooLarge, "The request body is over the limit."),
                StatusCodes.Status408RequestTimeout => GatewayErrors.WriteAsync(http, ErrorCodes.BodyTimeout, "The request body arrived too slowly."),
                _ => GatewayErrors.WriteAsync(http, ErrorCodes.InvalidBody, "The request body could not be read."),
            };
        }

        if (error is ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled)
        {
            // The client went away; nobody is listening for an answer.
            http.Response.StatusCode = StatusCodes.Status499ClientClosedRequest;
            return Task.CompletedTask;
        }

        // The silo failed after the request may have reached it (it died mid-request, say): not safe to replay, so the
        // client hears it, in the gateway's error shape, and decides whether to retry.
        return GatewayErrors.WriteAsync(http, ErrorCodes.UpstreamFailed, "The data plane failed while handling the request; it was not retried.");
    }

    /// <summary>The hosting silo first when it is live and not set aside; a hosting silo that is gone is forgotten.</summary>
    private IReadOnlyList<SiloEndpoint> Order(Guid project, IReadOnlyList<SiloEndpoint> candidates)
    {
        if (candidates.Count == 0)
        {
            return candidates;
        }

        var address = hosting.Find(project, candidates[0]);
        if (address is null)
        {
            return candidates;
        }

        for (var i = 0; i < candidates.Count; i++)
        {
            if (candidates[i].SiloAddress == address)
            {
                if (i == 0 || silos.IsQuarantined(candidates[i]))
                {
                    return candidates;
                }

                var ordered = new List<SiloEndpoint>(candidates.Count) { candidates[i] };
                ordered.AddRange(candidates.Where((_, j) => j != i));
                return ordered;
            }
        }

        // The silo that hosted the project has left the registry: ask again (through a live silo) on the next request.
        hosting.Forget(project);
        return candidates;
    }

    private static T? Find<T>(HttpContext http)
        where T : Exception
    {
        var e = http.Features.Get<IForwarderErrorFeature>()?.Exception;
        while (e is not null)
        {
            if (e is T t)
            {
                return t;
            }

            e = e.InnerException;
        }

        return null;
    }

    private static bool IsConnectFailure(HttpContext http) => Find<System.Net.Sockets.SocketException>(http) is not null;
}
