namespace Platform.DataPlane.SqlHttp.Execution;

/// <summary>How far a batch got, so a failure names the statement it happened in.</summary>
internal sealed class ExecutionProgress
{
    /// <summary>The batch statement running, or null outside a batch (and at COMMIT).</summary>
    public int? StatementIndex { get; set; }
}
