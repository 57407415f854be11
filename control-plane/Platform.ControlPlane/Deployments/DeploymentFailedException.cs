namespace Platform.ControlPlane.Deployments;

/// <summary>Ends a deployment as failed with a stable code and a reason for the project's owner.</summary>
public sealed class DeploymentFailedException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
