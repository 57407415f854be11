using Orleans.Runtime;
using Platform.DataPlane.Abstractions.Projects;

namespace Platform.DataPlane.Silo.Http;

/// <summary>
/// Grain references for projects. <c>IGrainFactory.GetGrain&lt;IProjectGrain&gt;(Guid)</c> maps the interface to its
/// grain type on every call, and that mapping reads the interface's attributes through reflection (a measurable part of
/// a small request); the grain and interface types never change, so they are resolved once here and each request only
/// builds the id.
/// </summary>
internal sealed class ProjectGrainReferences
{
    private readonly IGrainFactory grains;
    private readonly GrainType grainType;
    private readonly GrainInterfaceType interfaceType;

    public ProjectGrainReferences(IGrainFactory grains)
    {
        this.grains = grains;
        var template = (GrainReference)grains.GetGrain<IProjectGrain>(Guid.Empty);
        grainType = template.GrainId.Type;
        interfaceType = template.InterfaceType;
    }

    public IProjectGrain Get(Guid projectId) =>
        (IProjectGrain)grains.GetGrain(GrainId.Create(grainType, GrainIdKeyExtensions.CreateGuidKey(projectId)), interfaceType);
}
