namespace Platform.DataPlane.Execution.Live;

/// <summary>What a graphql-transport-ws subscribe message asks for, checked and planned once when it arrives.</summary>
public sealed record PreparedOperation(OperationKind Kind, LiveQuery? Live = null, ListenQuery? Listen = null, byte[]? Errors = null)
{
    public static readonly PreparedOperation Single = new(OperationKind.Single);
}
