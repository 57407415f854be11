using System.Collections.Concurrent;

namespace Platform.DataPlane.Grains.Projects;

/// <summary>
/// The project grains activated in this silo. A request that reaches the silo holding its project's activation is
/// served by that activation directly (<see cref="ProjectGrain.TryExecuteLocally(Abstractions.Projects.GraphQLCall, CancellationToken)"/>),
/// without an Orleans message, its scheduling and the thread hops around it; any other request goes through Orleans as
/// before. There is still one activation per project, owning the one pool: this only finds it.
/// </summary>
public sealed class LocalProjectGrains
{
    private readonly ConcurrentDictionary<Guid, ProjectGrain> active = new();

    public ProjectGrain? Find(Guid projectId) => active.TryGetValue(projectId, out var grain) ? grain : null;

    internal void Add(Guid projectId, ProjectGrain grain) => active[projectId] = grain;

    /// <summary>Removes the entry only if it is still this activation's (a newer one may have replaced it).</summary>
    internal void Remove(Guid projectId, ProjectGrain grain) => active.TryRemove(new KeyValuePair<Guid, ProjectGrain>(projectId, grain));
}
