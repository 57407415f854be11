namespace Platform.DataPlane.Grains.Projects;

[GenerateSerializer]
public sealed class ProjectNotFoundException : Exception
{
    public ProjectNotFoundException()
    {
    }

    public ProjectNotFoundException(Guid projectId)
        : base($"Project {projectId} does not exist.")
    {
    }

    public ProjectNotFoundException(string message)
        : base(message)
    {
    }

    public ProjectNotFoundException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
