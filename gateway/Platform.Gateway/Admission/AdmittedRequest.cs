using Microsoft.AspNetCore.Server.Kestrel.Core;
using Platform.Gateway.Keys;
using Platform.Gateway.Limits;
using Platform.Metadata.Keys;

namespace Platform.Gateway.Admission;

/// <summary>
/// A request the gateway let in, as a typed feature on <c>HttpContext.Features</c>: its key, project, role, surface
/// and limits. It holds one of the project's request or WebSocket slots until disposed.
/// </summary>
internal sealed class AdmittedRequest : IDisposable
{
    private readonly ProjectLimitState project;
    private readonly IDisposable? socketSlot;
    private int released;

    public AdmittedRequest(ResolvedKey key, string surface, ProjectLimitState project, IDisposable? socketSlot)
    {
        Key = key;
        Surface = surface;
        this.project = project;
        this.socketSlot = socketSlot;
        WebSocket = socketSlot is not null;
        Limits = project.Limits;
        BodyRate = project.BodyRate;
    }

    public ResolvedKey Key { get; }

    public Guid ProjectId => Key.Record.ProjectId;

    public ApiKeyRole Role => Key.Record.Role;

    public string Surface { get; }

    /// <summary>Holds a WebSocket slot rather than a request slot.</summary>
    public bool WebSocket { get; }

    /// <summary>The project's limits as they were when the request was let in.</summary>
    public EffectiveLimits Limits { get; }

    /// <summary>The slowest the body may arrive (the project's <see cref="EffectiveLimits.MinBodyBytesPerSecond"/>).</summary>
    public MinDataRate BodyRate { get; }

    public static AdmittedRequest? Of(HttpContext http) => http.Features.Get<AdmittedRequest>();

    /// <summary>Gives the slot back; once, however often it is called.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref released, 1) != 0)
        {
            return;
        }

        if (socketSlot is { } slot)
        {
            slot.Dispose();
        }
        else
        {
            project.ExitRequest();
        }
    }
}
